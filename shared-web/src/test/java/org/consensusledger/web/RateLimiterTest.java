package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final ManualClock clock = new ManualClock();

    private RateLimiter limiter(int capacity, Duration window, int trackedKeys) {
        return new RateLimiters(new RateLimits(true, trackedKeys, new RateLimits.Limit(capacity, window), null, null,
                                               null, 10, null), clock)
                .of(new RateLimits.Limit(capacity, window));
    }

    @Test
    void refusesOnceTheCapacityIsUsedUpAndSaysWhenOneIsBack() {
        RateLimiter limiter = limiter(3, Duration.ofMinutes(1), 100);

        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isZero();

        assertThat(limiter.take("a")).as("refilled evenly: one every 20 s").isEqualTo(20);
        assertThat(limiter.waitFor("a")).isEqualTo(20);
        assertThat(limiter.waitFor("b")).as("another key has its own bucket").isZero();
        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.waitFor("a")).as("rounded up to whole seconds").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.take("a")).isZero();
    }

    @Test
    void aWholeWindowRefillsTheBucket() {
        RateLimiter limiter = limiter(2, Duration.ofMinutes(5), 100);
        limiter.take("a");
        limiter.take("a");
        assertThat(limiter.take("a")).isPositive();

        clock.advance(Duration.ofMinutes(5));

        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.take("a")).isPositive();
    }

    @Test
    void waitingTakesNothing() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        assertThat(limiter.waitFor("a")).isZero();
        assertThat(limiter.waitFor("a")).isZero();
        assertThat(limiter.take("a")).isZero();
        assertThat(limiter.waitFor("a")).isEqualTo(60);
    }

    @Test
    void anAttemptTakesFirstAndGivesBackOnceWhenItSucceeded() {
        RateLimiter limiter = limiter(2, Duration.ofMinutes(1), 100);
        RateLimiter.Attempt first = limiter.attempt("a");
        RateLimiter.Attempt second = limiter.attempt("a");
        assertThat(first.refusedFor()).isZero();
        assertThat(second.refusedFor()).isZero();

        RateLimiter.Attempt third = limiter.attempt("a");
        assertThat(third.refusedFor()).as("both taken while still under way").isEqualTo(30);
        third.succeeded();
        assertThat(limiter.waitFor("a")).as("a refused attempt gives nothing back").isEqualTo(30);

        first.succeeded();
        first.succeeded();
        assertThat(limiter.attempt("a").refusedFor()).as("given back").isZero();
        assertThat(limiter.attempt("a").refusedFor()).as("once only").isEqualTo(30);
    }

    @Test
    void givingBackNeverFillsABucketAboveItsCapacity() {
        RateLimiter limiter = limiter(1, Duration.ofMinutes(1), 100);
        RateLimiter.Attempt attempt = limiter.attempt("a");
        clock.advance(Duration.ofMinutes(1));
        attempt.succeeded();
        assertThat(limiter.attempt("a").refusedFor()).isZero();
        assertThat(limiter.attempt("a").refusedFor()).isEqualTo(60);
    }

    @Test
    void turnedOffItRefusesNothing() {
        RateLimits off = new RateLimits(false, 100, null, null, null, null, 10, null);
        RateLimiter limiter = new RateLimiters(off, clock).of(new RateLimits.Limit(1, Duration.ofMinutes(1)));
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.take("a")).isZero();
            assertThat(limiter.attempt("a").refusedFor()).isZero();
        }
    }

    @Test
    void partsLeftOutTakeTheirDefaults() {
        RateLimits limits = new RateLimits(true, 100, new RateLimits.Limit(5, null), null, null, null, 10,
                                           new RateLimits.Limit(null, Duration.ofSeconds(10)));
        assertThat(limits.failedAuthentication()).isEqualTo(new RateLimits.Limit(5, Duration.ofMinutes(5)));
        assertThat(limits.expensiveQueries()).isEqualTo(new RateLimits.Limit(120, Duration.ofSeconds(10)));
        assertThat(limits.commands()).isEqualTo(RateLimits.defaults().commands());
    }
}
