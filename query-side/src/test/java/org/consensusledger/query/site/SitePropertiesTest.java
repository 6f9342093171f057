package org.consensusledger.query.site;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The page cache's tunables ({@code ledger.site.*}): their defaults, and a negative size refused at start-up. */
class SitePropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Site.class);

    @Test
    void unsetTheyKeepTheirDefaults() {
        runner.run(context -> assertThat(context.getBean(SiteProperties.class))
                .isEqualTo(new SiteProperties(DataSize.ofMegabytes(64), Duration.ofMillis(250))));
    }

    @Test
    void zeroTurnsTheCacheOffAndANegativeSizeStopsStartUp() {
        runner.withPropertyValues("ledger.site.page-cache-size=0", "ledger.site.page-cache-refresh=0ms")
              .run(context -> assertThat(context.getBean(SiteProperties.class))
                      .isEqualTo(new SiteProperties(DataSize.ofBytes(0), Duration.ZERO)));
        runner.withPropertyValues("ledger.site.page-cache-size=-1MB")
              .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                                                 .hasMessage("ledger.site.page-cache-size must be 0 (no cache) or "
                                                                     + "more, not -1048576B"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SiteProperties.class)
    static class Site {
    }
}
