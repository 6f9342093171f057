package org.consensusledger.query.selfcheck;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The self-check's settings ({@code ledger.self-check.*}).
 *
 * @param enabled        whether the query side checks itself (off only where something else must not be disturbed,
 *                       e.g. a benchmark measuring the processors alone)
 * @param fullInterval   the pause between the end of one full pass and the start of the next: a change to an old
 *                       event or document is found at the latest this long after plus one pass
 * @param fullPassShare  the most of its time the self-check spends in full passes: on a long log, where a pass takes
 *                       long, the pause after it grows so that passes take at most this share (0.2: a pass of 30 s is
 *                       followed by a pause of 120 s)
 * @param followInterval how often new events are checked, and the read-model documents they changed compared
 * @param batchSize      events read at a time
 * @param maxProblems    the most problems kept and shown; more are counted
 */
@ConfigurationProperties("ledger.self-check")
record SelfCheckProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("1m") Duration fullInterval,
                                  @DefaultValue("0.2") double fullPassShare,
                                  @DefaultValue("2s") Duration followInterval,
                                  @DefaultValue("1000") int batchSize,
                                  @DefaultValue("1000") int maxProblems) {

    public SelfCheckProperties {
        if (!(fullPassShare > 0 && fullPassShare <= 1)) {
            throw new IllegalArgumentException("ledger.self-check.full-pass-share must be above 0 and at most 1, not "
                                                       + fullPassShare);
        }
    }
}
