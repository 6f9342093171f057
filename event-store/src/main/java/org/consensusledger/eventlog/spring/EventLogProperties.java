package org.consensusledger.eventlog.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tunables of the event log ({@code ledger.event-log.*}).
 *
 * @param database   the database, when the MongoDB connection string names none
 * @param fetchDelay how long a caught-up processor waits before it looks for events appended by another process;
 *                   appends in the same process wake it at once. One look is one {@code $in} lookup on {@code _id}.
 * @param batchSize  how many positions (or sequence numbers) one read covers
 */
@ConfigurationProperties("ledger.event-log")
public record EventLogProperties(@DefaultValue("consensus-ledger") String database,
                                 @DefaultValue("100ms") Duration fetchDelay,
                                 @DefaultValue("100") int batchSize) {
}
