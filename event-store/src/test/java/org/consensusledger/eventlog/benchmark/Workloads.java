package org.consensusledger.eventlog.benchmark;

import com.mongodb.client.MongoClient;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.EventMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Timed appends and seeding, from any number of writer threads. */
final class Workloads {

    private Workloads() {
    }

    static Histogram histogram() {
        return new Histogram(120_000_000L, 3); // microseconds, up to two minutes
    }

    record AppendOutcome(int writers, long appends, double seconds, Histogram latencies, long failures,
                         String firstFailure) {
        double perSecond() {
            return appends / seconds;
        }

        double millisAt(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /**
     * {@code writers} threads append one event at a time to random aggregates of their own for the warm-up and then
     * the measured period; appends that start and finish inside the measured period count.
     */
    static AppendOutcome appends(BenchStore store, BenchEvents.Pool pool, int writers, Duration warmup,
                                 Duration measure) {
        long warmEnd = System.nanoTime() + 100_000_000L + warmup.toNanos();
        long end = warmEnd + measure.toNanos();
        Histogram total = histogram();
        AtomicLong appends = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(start("writer-" + w, false, () -> {
                Histogram latencies = histogram();
                Random random = new Random(writer * 7919L + 1);
                long count = 0;
                while (true) {
                    if (System.nanoTime() >= end) {
                        break;
                    }
                    EventMessage<?> event = pool.nextEvent(pool.pick(writer, writers, random));
                    long before = System.nanoTime();
                    try {
                        store.append(List.of(event));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    long after = System.nanoTime();
                    if (before >= warmEnd && after <= end) {
                        latencies.recordValue(Math.max(1, (after - before) / 1000));
                        count++;
                    }
                }
                synchronized (total) {
                    total.add(latencies);
                }
                appends.addAndGet(count);
            }));
        }
        joinAll(threads);
        return new AppendOutcome(writers, appends.get(), measure.toNanos() / 1e9, total, failures.get(),
                                 firstFailure.get());
    }

    /** A seeded log: its aggregates with their event counts, how long it took, and every event's timestamp. */
    record SeedOutcome(BenchEvents.Pool pool, long events, long commits, double seconds, boolean complete,
                       long[] sortedTimestampNanos, long failures, String firstFailure) {
        double perSecond() {
            return events / seconds;
        }

        String summary() {
            return String.format("%.1f (%s)", seconds, Report.num(perSecond()));
        }

        String failureNote() {
            return failures == 0 ? "" : "; " + failures + " seeding appends failed: " + firstFailure;
        }

        /** The timestamp of the event that is {@code fromEnd} events before the newest (by timestamp). */
        Instant timestampFromEnd(int fromEnd) {
            long nanos = sortedTimestampNanos[Math.max(0, sortedTimestampNanos.length - fromEnd)];
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
    }

    /**
     * Stores {@code total} events as commits of 1–3 events of aggregates holding 10–20 events each (about
     * {@code total / 15} aggregates), interleaved at random, from {@code threads} writers owning their aggregates.
     */
    static SeedOutcome seed(BenchStore store, String prefix, int total, int threads, long deadlineNanos) {
        SplittableRandom sizes = new SplittableRandom(42);
        List<Integer> targetList = new ArrayList<>();
        int sum = 0;
        while (sum < total) {
            int target = Math.min(10 + sizes.nextInt(11), total - sum);
            targetList.add(target);
            sum += target;
        }
        int[] targets = targetList.stream().mapToInt(Integer::intValue).toArray();
        BenchEvents.Pool pool = new BenchEvents.Pool(prefix, targets.length);
        int writers = Math.min(threads, targets.length);
        AtomicLong events = new AtomicLong();
        AtomicLong commits = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long[][] timestamps = new long[writers][];
        long start = System.nanoTime();
        Thread progress = start("progress", true, () -> progress("seeding " + store.kind.label, events));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            workers.add(start("seeder-" + w, false, () -> {
                Random random = new Random(writer * 31L + 7);
                int[] active = new int[(targets.length + writers - 1) / writers];
                int activeCount = 0;
                for (int a = writer; a < targets.length; a += writers) {
                    active[activeCount++] = a;
                }
                long[] stamps = new long[1024];
                int stamped = 0;
                while (activeCount > 0 && System.nanoTime() < deadlineNanos) {
                    int slot = random.nextInt(activeCount);
                    int aggregate = active[slot];
                    int size = (int) Math.min(1 + random.nextInt(3), targets[aggregate] - pool.next[aggregate]);
                    List<EventMessage<?>> commit = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        commit.add(pool.nextEvent(aggregate));
                    }
                    try {
                        store.seed(commit);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                        pool.next[aggregate] -= size;
                        continue;
                    }
                    for (EventMessage<?> event : commit) {
                        if (stamped == stamps.length) {
                            stamps = Arrays.copyOf(stamps, stamped * 2);
                        }
                        Instant at = event.getTimestamp();
                        stamps[stamped++] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                    }
                    events.addAndGet(size);
                    commits.incrementAndGet();
                    if (pool.next[aggregate] == targets[aggregate]) {
                        active[slot] = active[--activeCount];
                    }
                }
                store.seedDone();
                timestamps[writer] = Arrays.copyOf(stamps, stamped);
            }));
        }
        joinAll(workers);
        progress.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(timestamps).flatMapToLong(Arrays::stream).sorted().toArray();
        return new SeedOutcome(pool, events.get(), commits.get(), seconds, events.get() == total, all,
                               failures.get(), firstFailure.get());
    }

    /** Compiles the hot paths of every store before anything is measured, so the first store is not penalised. */
    static void warmUp(BenchConfig config, MongoClient client, BenchStore.RawShape shape) {
        for (BenchStore.Kind kind : config.stores()) {
            BenchStore store = BenchStore.create(kind, client, "warm-up-" + kind, shape);
            BenchEvents.Pool pool = new BenchEvents.Pool("warm", config.aggregates());
            Workloads.appends(store, pool, 1, Duration.ZERO, config.warmup());
            Workloads.appends(store, pool, config.writers(), Duration.ZERO, config.warmup());
            store.track(null, System.nanoTime() + config.warmup().toNanos(), event -> {
            });
            if (store instanceof BenchStore.Engine engine) {
                long end = System.nanoTime() + config.warmup().toNanos();
                for (int i = 0; i < 1_000 && System.nanoTime() < end; i++) {
                    engine.load(pool.ids[i % pool.size()]);
                }
            }
            store.drop();
        }
    }

    /** Prints how far a long-running step has got every 15 seconds, until interrupted. */
    static void progress(String what, AtomicLong counter) {
        long start = System.nanoTime();
        try {
            while (true) {
                Thread.sleep(15_000);
                System.err.printf("    ... %s: %,d after %.0f s%n", what, counter.get(),
                                  (System.nanoTime() - start) / 1e9);
            }
        } catch (InterruptedException e) {
            // done
        }
    }

    static Thread start(String name, boolean daemon, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(daemon);
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + thread.getName(), e);
            }
        }
    }
}
