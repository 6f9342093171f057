package org.consensusledger.query.projection;

import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Tunables of the read models' processing ({@code ledger.projections.*}).
 *
 * @param maxReadyLag            the query side is ready when no processor is more events than this behind the log
 * @param tokenClaimInterval     how often a processor looks for segments it can claim (released by an instance that
 *                               has more than its share, or left by one that stopped)
 * @param heartbeatInterval      how often an instance says it is alive; one not heard of for three intervals no
 *                               longer counts when the segments are shared out
 * @param batchSize              the most events a processor handles in one batch: each document a batch changes is
 *                               read and written once, and the batch's tokens are stored once
 * @param pollInterval           how often the log's head is looked at, to wake a caught-up processor when it moves
 *                               (whole milliseconds; see {@link NewEvents})
 * @param firstStartRebuildAbove on a first start (no read model ever built), a log of more events than this is taken
 *                               in by one pass over it rather than by the processors (see {@code FirstStart})
 */
@ConfigurationProperties("ledger.projections")
@Validated
public record ProjectionProperties(@DefaultValue("1000") long maxReadyLag,
                                   @DefaultValue("5s") Duration tokenClaimInterval,
                                   @DefaultValue("2s") Duration heartbeatInterval,
                                   @DefaultValue("200") int batchSize,
                                   @DefaultValue("20ms") @DurationMin(millis = 1) Duration pollInterval,
                                   @DefaultValue("10000") @PositiveOrZero long firstStartRebuildAbove) {
}
