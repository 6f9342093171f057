package org.consensusledger.query.site;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The public site's page cache ({@code ledger.site.*}; see {@link PageCache}). Checked in the constructor: no
 * standard constraint applies to a data size, or says "not negative" of a duration.
 *
 * @param pageCacheSize    the most the rendered pages may take in memory; 0 turns the cache off
 * @param pageCacheRefresh what a page is built from is read from the database at most this often (0: at every
 *                         request)
 */
@ConfigurationProperties("ledger.site")
record SiteProperties(@DefaultValue("64MB") DataSize pageCacheSize,
                      @DefaultValue("250ms") Duration pageCacheRefresh) {

    SiteProperties {
        if (pageCacheSize.isNegative()) {
            throw new IllegalArgumentException("ledger.site.page-cache-size must be 0 (no cache) or more, not "
                                                       + pageCacheSize);
        }
        if (pageCacheRefresh.isNegative()) {
            throw new IllegalArgumentException("ledger.site.page-cache-refresh must be 0 or more, not "
                                                       + pageCacheRefresh);
        }
    }
}
