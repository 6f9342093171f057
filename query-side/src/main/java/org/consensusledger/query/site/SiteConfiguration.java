package org.consensusledger.query.site;

import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.meeting.MeetingViews;
import org.consensusledger.query.projection.TokenPositions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** The public site's page cache ({@link PageCache}): on unless {@code ledger.site.page-cache-size} is 0. */
@Configuration(proxyBeanMethods = false)
class SiteConfiguration {

    @Bean
    FilterRegistrationBean<PageCache> pageCache(TokenPositions tokens, Checkpoints checkpoints, Dossiers dossiers,
                                                MeetingViews meetings, PublicRecord record,
                                                @Value("${ledger.site.page-cache-size:64MB}") DataSize size,
                                                @Value("${ledger.site.page-cache-refresh:250ms}") Duration refresh) {
        FilterRegistrationBean<PageCache> registration = new FilterRegistrationBean<>(
                new PageCache(size.toBytes(), new SiteVersion(tokens, checkpoints, dossiers, meetings, record, refresh)));
        registration.addUrlPatterns("/*");
        registration.setEnabled(size.toBytes() > 0);
        return registration;
    }
}
