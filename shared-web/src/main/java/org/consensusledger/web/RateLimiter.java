package org.consensusledger.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One rate limit: a Bucket4j token bucket per key (a client address, an account), kept in a bounded cache. A bucket
 * unused for a whole window is full again, so dropping it then loses nothing; the cache also keeps at most
 * {@link RateLimits#trackedKeys()} buckets (a flood of new addresses evicts the least recently used ones), so no number
 * of clients can exhaust memory. Answers are in whole seconds to wait, as {@code Retry-After} carries them.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final boolean enabled;
    private final Bandwidth bandwidth;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    RateLimiter(boolean enabled, RateLimits.Limit limit, int trackedKeys, TimeMeter clock) {
        this.enabled = enabled;
        this.bandwidth = Bandwidth.builder().capacity(limit.capacity())
                                  .refillGreedy(limit.capacity(), limit.window()).build();
        this.clock = clock;
        this.buckets = Caffeine.newBuilder().maximumSize(trackedKeys).expireAfterAccess(limit.window())
                               .ticker(clock::currentTimeNanos).build();
    }

    /** Takes one request from {@code key}'s bucket: 0 when there was one, else the seconds until there is one. */
    public long take(String key) {
        if (!enabled) {
            return 0;
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /**
     * Takes one request from {@code key}'s bucket before what it limits is tried, to be given back with
     * {@link Attempt#succeeded()} when the attempt turns out not to count (a right token). Taking first is what
     * bounds parallel attempts: however many run at once, no more than the bucket's capacity get past it, where
     * looking first and counting afterwards would let every request under way slip through.
     */
    public Attempt attempt(String key) {
        if (!enabled) {
            return Attempt.FREE;
        }
        Bucket bucket = bucket(key);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? new Attempt(bucket, 0)
                : new Attempt(null, seconds(probe.getNanosToWaitForRefill()));
    }

    /** The seconds until {@code key}'s bucket holds a request again, 0 when it holds one now; takes nothing. */
    public long waitFor(String key) {
        if (!enabled) {
            return 0;
        }
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : seconds(probe.getNanosToWaitForRefill());
    }

    /**
     * One request taken from a bucket by {@link #attempt}: refused when {@link #refusedFor()} is more than 0 (the
     * seconds to wait); otherwise given back by {@link #succeeded()}, at most once, when it turned out not to count.
     */
    public static final class Attempt {

        private static final Attempt FREE = new Attempt(null, 0);

        private final Bucket bucket;
        private final long refusedFor;
        private final AtomicBoolean givenBack = new AtomicBoolean();

        private Attempt(Bucket bucket, long refusedFor) {
            this.bucket = bucket;
            this.refusedFor = refusedFor;
        }

        /** 0 when the attempt may go on; else the seconds until the bucket holds one again. */
        public long refusedFor() {
            return refusedFor;
        }

        /** The attempt did not count (its token was right): the request it took goes back to the bucket. */
        public void succeeded() {
            if (bucket != null && givenBack.compareAndSet(false, true)) {
                bucket.addTokens(1);
            }
        }
    }

    private Bucket bucket(String key) {
        return buckets.get(key, absent -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(clock).build());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
