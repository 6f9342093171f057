package org.consensusledger.web;

import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The rate limits' clock in tests: it moves only when told, so a window passes at once and exactly. */
public final class ManualClock implements TimeMeter {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
