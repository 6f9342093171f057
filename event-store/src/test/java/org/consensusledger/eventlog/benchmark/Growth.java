package org.consensusledger.eventlog.benchmark;

import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Duration;
import java.util.Random;

import static org.consensusledger.eventlog.benchmark.Report.count;

/** How an engine's figures change with the size of the log: seed, then load aggregates, track the tail, append. */
final class Growth {

    /** Tracking reads cover at most this many of the newest events. */
    static final int TAIL = 100_000;

    record Outcome(BenchStore.Kind kind, int size, Workloads.SeedOutcome seed, Histogram loads, long loadMismatches,
                   boolean loadsStopped, BenchStore.ReadOutcome tail, long tailExpected,
                   Workloads.AppendOutcome append) {

        double loadMillisAt(double percentile) {
            return loads.getTotalCount() == 0 ? Double.NaN : loads.getValueAtPercentile(percentile) / 1000.0;
        }

        /** What a reader of the table needs to know: budgets that stopped a step, wrong counts, failures. */
        String notes(BenchConfig config) {
            StringBuilder notes = new StringBuilder();
            if (!seed().complete()) {
                notes.append("seeding stopped by the ").append(config.axonSeedBudget().toSeconds())
                     .append(" s budget at ").append(count(seed().events())).append(" of ")
                     .append(count(size())).append("; ");
            }
            if (loadsStopped()) {
                notes.append("loads stopped by the ").append(config.axonLoadBudget().toSeconds()).append(" s budget; ");
            }
            if (loadMismatches() > 0) {
                notes.append(loadMismatches()).append(" LOADS RETURNED A WRONG EVENT COUNT; ");
            }
            if (tail().stopped()) {
                notes.append("tail read stopped by the ").append(config.axonReadBudget().toSeconds())
                     .append(" s budget (rate over the part read); ");
            } else if (tail().events() != tailExpected()) {
                notes.append("tail read returned ").append(count(tail().events())).append(", expected ")
                     .append(count(tailExpected())).append("; ");
            }
            if (append().failures() > 0) {
                notes.append(append().failures()).append(" appends failed: ")
                     .append(append().firstFailure()).append("; ");
            }
            notes.append(seed().failureNote());
            String text = notes.toString().replaceAll("[; ]+$", "");
            return text.isEmpty() ? "-" : text;
        }
    }

    private Growth() {
    }

    static Outcome run(BenchStore.Engine store, int size, BenchConfig config) {
        boolean axon = store.kind == BenchStore.Kind.AXON;
        long seedDeadline = axon ? System.nanoTime() + config.axonSeedBudget().toNanos() : Long.MAX_VALUE;
        Workloads.SeedOutcome seed = Workloads.seed(store, "growth", size, config.seedThreads(), seedDeadline);
        BenchEvents.Pool pool = seed.pool();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        System.err.printf("    seeded %,d events in %.1f s (%,.0f events/s)%s; heap in use %,d MiB%n", seed.events(),
                          seed.seconds(), seed.perSecond(), seed.complete() ? "" : " - STOPPED by the seeding budget",
                          (runtime.totalMemory() - runtime.freeMemory()) >> 20);

        // Aggregate loads: random aggregates among those stored (all hold 10-20 events when seeding completed).
        Histogram loads = Workloads.histogram();
        long mismatches = 0;
        boolean loadsStopped = false;
        Random random = new Random(5);
        long loadDeadline = axon ? System.nanoTime() + config.axonLoadBudget().toNanos() : Long.MAX_VALUE;
        for (int i = 0; i < (axon ? 1 : 50); i++) { // warm-up
            int index = random.nextInt(pool.size());
            store.load(pool.ids[index]);
        }
        for (int i = 0; i < config.growthLoads(); i++) {
            if (System.nanoTime() > loadDeadline && loads.getTotalCount() >= 5) {
                loadsStopped = true;
                break;
            }
            int index = random.nextInt(pool.size());
            long before = System.nanoTime();
            int count = store.load(pool.ids[index]);
            loads.recordValue(Math.max(1, (System.nanoTime() - before) / 1000));
            if (count != pool.next[index]) {
                mismatches++;
            }
        }
        System.err.printf("    %,d aggregate loads, p99 %.2f ms%n", loads.getTotalCount(),
                          loads.getValueAtPercentile(99) / 1000.0);

        // Tracking over the newest TAIL events (or all of them).
        long stored = seed.events();
        long expected = Math.min(TAIL, stored);
        TrackingToken from;
        if (stored <= TAIL) {
            from = null;
        } else if (axon) {
            from = store.engine.createTokenAt(seed.timestampFromEnd(TAIL));
        } else {
            from = new GlobalSequenceTrackingToken(stored - TAIL - 1);
        }
        long readDeadline = axon ? System.nanoTime() + config.axonReadBudget().toNanos() : Long.MAX_VALUE;
        BenchStore.ReadOutcome tail = store.track(from, readDeadline, event -> {
        });
        System.err.printf("    tracked %,d events at %,.0f events/s%s%n", tail.events(), tail.perSecond(),
                          tail.stopped() ? " (stopped by the read budget)" : "");

        // Appends with one writer, to the stored aggregates.
        Workloads.AppendOutcome append = Workloads.appends(store, pool, 1, Duration.ofMillis(500),
                                                           config.growthAppend());
        System.err.printf("    1 writer: %,.0f appends/s, p99 %.2f ms%n", append.perSecond(), append.millisAt(99));
        return new Outcome(store.kind, size, seed, loads, mismatches, loadsStopped, tail, expected, append);
    }
}
