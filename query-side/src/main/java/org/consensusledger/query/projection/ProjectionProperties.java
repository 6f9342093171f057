package org.consensusledger.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tunables of the read models' processing ({@code ledger.projections.*}).
 *
 * @param maxReadyLag        the query side is ready when no processor is more events than this behind the log
 * @param tokenClaimInterval how often a processor looks for segments it can claim (released by an instance that has
 *                           more than its share, or left by one that stopped)
 * @param heartbeatInterval  how often an instance says it is alive; one not heard of for three intervals no longer
 *                           counts when the segments are shared out
 * @param batchSize          the most events a processor handles in one batch: each document a batch changes is
 *                           read and written once, and the batch's tokens are stored once
 */
@ConfigurationProperties("ledger.projections")
public record ProjectionProperties(@DefaultValue("1000") long maxReadyLag,
                                   @DefaultValue("5s") Duration tokenClaimInterval,
                                   @DefaultValue("2s") Duration heartbeatInterval,
                                   @DefaultValue("200") int batchSize) {
}
