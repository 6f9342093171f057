package org.consensusledger.eventlog.benchmark;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writers append while one reader tracks the way a tracking processor does: read from the last token until the stream
 * ends, then again from the token it got to. Afterwards the events it saw are compared with everything written.
 */
final class MissedEvents {

    /** Axon's default look-back: its reader asks again for events up to this much older than its token. */
    private static final Duration AXON_LOOK_BACK = Duration.ofSeconds(1);
    /**
     * Every this many events of each writer come from a slow unit of work: applied (and so stamped) 1.5 s before
     * they are stored, as happens when a command handler waits on something. That is how events reach the log later
     * than the look-back window in production.
     */
    static final int SLOW_UNIT_EVERY = 100;
    static final Duration SLOW_UNIT_AGE = Duration.ofMillis(1500);

    /**
     * {@code missed}: never delivered, and the reader's token is past the point of ever delivering them. When the
     * reader could not catch up within its budget, the rest of the undelivered events are {@code notReached}.
     */
    record Outcome(long written, long delivered, long distinctSeen, long missed, long notReached, long duplicates,
                   long unexpected, long outOfOrder, long drains, int largestTokenIds, double writeSeconds,
                   double catchUpSeconds, long failures, String firstFailure, boolean gaveUp) {
    }

    private MissedEvents() {
    }

    static Outcome run(BenchStore.Engine store, int writers, int total, int aggregates, Duration catchUpBudget) {
        BenchEvents.Pool pool = new BenchEvents.Pool("missed", aggregates);
        AtomicLong writersDone = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Map<String, Instant>> written = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            int share = total / writers + (w < total % writers ? 1 : 0);
            Map<String, Instant> ids = new HashMap<>(share * 2);
            written.add(ids);
            threads.add(Workloads.start("missed-writer-" + w, false, () -> {
                Random random = new Random(writer * 131L + 3);
                for (int i = 0; i < share; i++) {
                    int aggregate = pool.pick(writer, writers, random);
                    EventMessage<?> event = i % SLOW_UNIT_EVERY == SLOW_UNIT_EVERY - 1
                            ? pool.nextEvent(aggregate, Instant.now().minus(SLOW_UNIT_AGE))
                            : pool.nextEvent(aggregate);
                    try {
                        store.append(List.of(event));
                        ids.put(event.getIdentifier(), event.getTimestamp());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }));
        }
        Reader reader = new Reader(store, writersDone, catchUpBudget.toNanos());
        Thread readerThread = Workloads.start("missed-reader", false, reader);
        long start = System.nanoTime();
        Workloads.joinAll(threads);
        long writersEnd = System.nanoTime();
        writersDone.set(writersEnd == 0 ? 1 : writersEnd);
        Workloads.joinAll(List.of(readerThread));
        long readerEnd = System.nanoTime();
        if (reader.failure != null) {
            throw new IllegalStateException("The tracking reader failed", reader.failure);
        }

        Map<String, Instant> all = new HashMap<>();
        written.forEach(all::putAll);
        long unseen = all.keySet().stream().filter(id -> !reader.seen.contains(id)).count();
        long missed = unseen;
        if (reader.gaveUp) {
            // Only what lies behind the reader for good counts as missed: for our engine, positions below its token;
            // for Axon's, timestamps older than its token's timestamp minus the look-back.
            missed = all.entrySet().stream().filter(e -> !reader.seen.contains(e.getKey()))
                        .filter(e -> reader.behind(e.getValue())).count();
        }
        long unexpected = reader.seen.stream().filter(id -> !all.containsKey(id)).count();
        return new Outcome(all.size(), reader.delivered, reader.seen.size(), missed, unseen - missed,
                           reader.delivered - reader.seen.size(), unexpected, reader.outOfOrder, reader.drains,
                           reader.largestTokenIds, (writersEnd - start) / 1e9, (readerEnd - writersEnd) / 1e9,
                           failures.get(), firstFailure.get(), reader.gaveUp);
    }

    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    private static final class Reader implements Runnable {

        private final BenchStore.Engine store;
        /** When the writers finished (System.nanoTime(), never 0), or 0 while they write. */
        private final AtomicLong writersDone;
        private final long catchUpBudgetNanos;
        private int largestTokenIds;
        private final Set<String> seen = new HashSet<>();
        private long delivered;
        private long outOfOrder;
        private long drains;
        private long lastPosition = -1;
        private boolean gaveUp;
        private TrackingToken token;
        private RuntimeException failure;

        private Reader(BenchStore.Engine store, AtomicLong writersDone, long catchUpBudgetNanos) {
            this.store = store;
            this.writersDone = writersDone;
            this.catchUpBudgetNanos = catchUpBudgetNanos;
        }

        private boolean overBudget() {
            long doneAt = writersDone.get();
            return doneAt != 0 && System.nanoTime() - doneAt > catchUpBudgetNanos;
        }

        /** True when an undelivered event with this timestamp can no longer be delivered after the last token. */
        private boolean behind(Instant timestamp) {
            if (token instanceof MongoTrackingToken mongo) {
                return timestamp.isBefore(mongo.getTimestamp().minus(AXON_LOOK_BACK));
            }
            return false; // our engine never skips a position: anything undelivered is still ahead of the reader
        }

        @Override
        public void run() {
            try {
                while (true) {
                    boolean finished = writersDone.get() != 0;
                    long before = delivered;
                    try {
                        store.track(token, Long.MAX_VALUE, event -> {
                            token = event.trackingToken();
                            seen.add(event.getIdentifier());
                            delivered++;
                            if (token instanceof MongoTrackingToken mongo) {
                                largestTokenIds = Math.max(largestTokenIds, mongo.getKnownEventIds().size());
                            } else if (token instanceof GlobalSequenceTrackingToken global) {
                                if (global.getGlobalIndex() != lastPosition + 1) {
                                    outOfOrder++;
                                }
                                lastPosition = global.getGlobalIndex();
                            }
                            if (overBudget()) {
                                throw new OutOfTime();
                            }
                        });
                    } catch (OutOfTime e) {
                        gaveUp = true;
                        return;
                    }
                    drains++;
                    boolean empty = delivered == before;
                    if (finished && empty) {
                        return;
                    }
                    if (overBudget()) {
                        gaveUp = true;
                        return;
                    }
                    if (empty) {
                        Thread.sleep(5);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
    }
}
