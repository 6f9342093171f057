package org.consensusledger.eventlog.benchmark;

import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.eventlog.testing.EventLogFixtures;

import java.time.Instant;
import java.util.Random;

/** The benchmark's events (the tests' typical event, stamped with the time it is created) and aggregates. */
final class BenchEvents {

    private BenchEvents() {
    }

    static DomainEventMessage<?> event(String aggregateId, long sequence, Instant timestamp) {
        return EventLogFixtures.event(aggregateId, sequence, timestamp);
    }

    /**
     * Aggregates and the next sequence number of each. Writer {@code w} of {@code n} owns the aggregates whose index
     * is {@code w} modulo {@code n}, so concurrent writers never conflict; phases run one after another and may
     * split the aggregates differently.
     */
    static final class Pool {

        final String[] ids;
        final long[] next;

        Pool(String prefix, int count) {
            this.ids = new String[count];
            this.next = new long[count];
            for (int i = 0; i < count; i++) {
                ids[i] = String.format("%s-%07d", prefix, i);
            }
        }

        int size() {
            return ids.length;
        }

        /** A random aggregate owned by {@code writer} of {@code writers}. */
        int pick(int writer, int writers, Random random) {
            int owned = (ids.length - writer + writers - 1) / writers;
            return writer + writers * random.nextInt(owned);
        }

        /** The next event of aggregate {@code index}, created now. */
        DomainEventMessage<?> nextEvent(int index) {
            return nextEvent(index, Instant.now());
        }

        /** The next event of an aggregate, stamped {@code timestamp}: Axon stamps an event when it is applied. */
        DomainEventMessage<?> nextEvent(int index, Instant timestamp) {
            return event(ids[index], next[index]++, timestamp);
        }
    }
}
