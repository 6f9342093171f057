package org.consensusledger.eventlog.spring;

import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Reports the event log reachable, with the number of events it holds (its next global position). */
class EventLogHealthIndicator extends AbstractHealthIndicator {

    private final LedgerEventStorageEngine engine;

    EventLogHealthIndicator(LedgerEventStorageEngine engine) {
        super("The event log cannot be read");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("events", engine.nextGlobalPosition());
    }
}
