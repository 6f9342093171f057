package org.consensusledger.query.audit;

import org.consensusledger.tlog.KeyText;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The transparency log's settings ({@code ledger.audit.*}).
 *
 * @param publicBaseUrl      where the public reaches the query side (the feeds' links, the commands the pages show)
 * @param origin             the checkpoints' origin line and the signing key's name: the log's identity, required
 *                           (the launcher always gives one); a schema-less URL such as {@code ledger.example.org/log},
 *                           without spaces or {@code +} (C2SP tlog-checkpoint). Never derived from a host or port: a
 *                           log keeps its origin when it moves
 * @param keyFile            the signer key (C2SP signed-note form), created on first start, readable by the process
 *                           owner only; every instance of one ledger must use the same key. Default
 *                           {@code keys/checkpoint-signing.key}: outside the data directory (a folder the database is
 *                           copied and handed over with), in a folder created owner-only
 * @param checkpointInterval a new checkpoint is signed at most this often, when the log has grown
 * @param treeBatchSize      events added to the tree per step
 * @param treePollInterval   how often the tree looks for new events once it has caught up
 * @param refreshInterval    the latest checkpoint is signed again (same size, a new {@code time} line) when its
 *                           signed time is older than this, even if the log has not grown, so that readers can tell
 *                           a current view from a stale one; must be longer than {@code checkpointInterval} (the
 *                           application refuses to start otherwise)
 */
@ConfigurationProperties("ledger.audit")
public record AuditProperties(@DefaultValue("http://localhost:8082") URI publicBaseUrl, String origin,
                              @DefaultValue("keys/checkpoint-signing.key") Path keyFile,
                              @DefaultValue("10s") Duration checkpointInterval,
                              @DefaultValue("1000") int treeBatchSize,
                              @DefaultValue("50ms") Duration treePollInterval,
                              @DefaultValue("1h") Duration refreshInterval) {

    public AuditProperties {
        if (checkpointInterval != null && refreshInterval != null
                && refreshInterval.compareTo(checkpointInterval) <= 0) {
            throw new IllegalArgumentException("ledger.audit.refresh-interval (" + refreshInterval + ") must be longer "
                    + "than ledger.audit.checkpoint-interval (" + checkpointInterval + "): the latest checkpoint is "
                    + "looked at every checkpoint-interval, and re-signing it more often than that would replace its "
                    + "note (and the witnesses' cosignatures of it) at every look");
        }
    }

    /** The public base URL without its trailing slash, to put a path after ({@code https://ledger.example.org}). */
    public String baseUrl() {
        return publicBaseUrl.toString().replaceAll("/+$", "");
    }

    /**
     * The log's origin, {@code ledger.audit.origin}: there is no default, so a query side without one (other than a
     * command-line replay, which signs nothing) refuses to start, saying what to set ({@link OriginMissing}).
     */
    public String effectiveOrigin() {
        if (origin == null || origin.isBlank()) {
            throw new OriginMissing(null, keyFile);
        }
        String stripped = origin.strip();
        try {
            KeyText.checkName(stripped);
        } catch (IllegalArgumentException e) {
            throw new OriginMissing(stripped, keyFile);
        }
        return stripped;
    }
}
