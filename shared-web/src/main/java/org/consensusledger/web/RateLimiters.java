package org.consensusledger.web;

import io.github.bucket4j.TimeMeter;

/**
 * Makes the {@link RateLimiter}s of {@link RateLimits}, all on one clock (the system's nanosecond clock; a test's own
 * when it defines a {@link TimeMeter} bean, so that it moves time instead of waiting).
 */
public final class RateLimiters {

    private final RateLimits limits;
    private final TimeMeter clock;

    public RateLimiters(RateLimits limits, TimeMeter clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public RateLimits limits() {
        return limits;
    }

    public RateLimiter of(RateLimits.Limit limit) {
        return new RateLimiter(limits.enabled(), limit, limits.trackedKeys(), clock);
    }
}
