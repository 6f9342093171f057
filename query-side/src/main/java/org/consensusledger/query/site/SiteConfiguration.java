package org.consensusledger.query.site;

import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.meeting.MeetingViews;
import org.consensusledger.query.projection.TokenPositions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The public site's page cache ({@link PageCache}): on unless {@code ledger.site.page-cache-size} is 0; and the
 * reader's time zone cookie ({@link ReaderZoneCookie}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SiteProperties.class)
class SiteConfiguration {

    @Bean
    FilterRegistrationBean<PageCache> pageCache(TokenPositions tokens, Checkpoints checkpoints, Dossiers dossiers,
                                                MeetingViews meetings, PublicRecord record,
                                                SiteProperties properties, LocaleResolver localeResolver) {
        long size = properties.pageCacheSize().toBytes();
        FilterRegistrationBean<PageCache> registration = new FilterRegistrationBean<>(new PageCache(
                size, new SiteVersion(tokens, checkpoints, dossiers, meetings, record, properties.pageCacheRefresh()), localeResolver));
        registration.addUrlPatterns("/*");
        registration.setEnabled(size > 0);
        return registration;
    }

    /** Remembers a reader's chosen time zone in a cookie, before the page cache answers. */
    @Bean
    FilterRegistrationBean<ReaderZoneCookie> readerZoneCookie() {
        FilterRegistrationBean<ReaderZoneCookie> registration = new FilterRegistrationBean<>(new ReaderZoneCookie());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
