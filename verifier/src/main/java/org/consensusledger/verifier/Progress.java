package org.consensusledger.verifier;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/** Progress on stderr about once a second (events done, events per second), unless quiet. */
final class Progress {

    private static final long INTERVAL = 1_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private final LongSupplier clock;
    private long started;
    private long lastReport;

    Progress(PrintWriter err, boolean quiet, LongSupplier clock) {
        this.err = err;
        this.quiet = quiet;
        this.clock = clock;
        this.started = clock.getAsLong();
        this.lastReport = started;
    }

    static Progress of(PrintWriter err, boolean quiet) {
        return new Progress(err, quiet, System::nanoTime);
    }

    /** Restarts the clock: when reading the export begins (keys and checkpoints are read before). */
    void start() {
        started = clock.getAsLong();
        lastReport = started;
    }

    /** Called after each batch with the number of events checked so far. */
    void update(long events) {
        update(events, "events", "checked");
    }

    /** Called after each batch with the number of things ({@code "events"}) done ({@code "checked"}) so far. */
    void update(long done, String things, String how) {
        if (quiet) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastReport >= INTERVAL) {
            lastReport = now;
            err.printf("  %,d %s %s (%,.0f %s/s)%n", done, things, how, rate(done, now), things);
            err.flush();
        }
    }

    /** Nanoseconds since the start. */
    long elapsedNanos() {
        return clock.getAsLong() - started;
    }

    /** The average rate since the start. */
    double rate(long events) {
        return rate(events, clock.getAsLong());
    }

    private double rate(long events, long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        return events / seconds;
    }
}
