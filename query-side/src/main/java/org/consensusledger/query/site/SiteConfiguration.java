package org.consensusledger.query.site;

import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.meeting.MeetingViews;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.projection.TokenPositions;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The public site's page cache ({@link PageCache}): on unless {@code ledger.site.page-cache-size} is 0; and the
 * reader's time zone cookie ({@link ReaderZoneCookie}); pages labelled HTML whatever their address ends with.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // its filters serve pages: the command-line replay has no web
@EnableConfigurationProperties(SiteProperties.class)
class SiteConfiguration {

    @Bean
    FilterRegistrationBean<PageCache> pageCache(TokenPositions tokens, Checkpoints checkpoints, Dossiers dossiers,
                                                MeetingViews meetings, PublicRecord record, Rebuilds rebuilds,
                                                SiteProperties properties, LocaleResolver localeResolver) {
        long size = properties.pageCacheSize().toBytes();
        FilterRegistrationBean<PageCache> registration = new FilterRegistrationBean<>(new PageCache(
                size, new SiteVersion(tokens, checkpoints, dossiers, meetings, record, rebuilds,
                                      properties.pageCacheRefresh()), rebuilds, localeResolver));
        registration.addUrlPatterns("/*");
        registration.setEnabled(size > 0);
        return registration;
    }

    /**
     * Every page the site renders is HTML ({@code spring.thymeleaf.servlet.content-type}), whatever its address ends
     * with: left to itself, Thymeleaf takes a view's content type from the extension of the address, so the error page
     * of a feed ({@code /bodies/x/meetings.atom}) went out labelled {@code application/atom+xml}.
     */
    @Bean
    static BeanPostProcessor htmlWhateverTheAddress() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ThymeleafViewResolver resolver) {
                    resolver.setForceContentType(true);
                }
                return bean;
            }
        };
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
