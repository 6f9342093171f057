package org.consensusledger.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBackoffTest {

    private final RestartBackoff backoff = new RestartBackoff();

    @Test
    void waitsOneSecondThenTwiceAsLongAfterEachCrashUpToAMinute() {
        Duration briefly = Duration.ofSeconds(20);

        assertThat(java.util.stream.Stream.generate(() -> backoff.afterExit(briefly)).limit(9).toList())
                .extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(backoff.restarts()).isEqualTo(9);
    }

    @Test
    void startsAgainAfterOneSecondOnceTheApplicationHadRunWellForFiveMinutes() {
        backoff.afterExit(Duration.ofSeconds(3));
        backoff.afterExit(Duration.ofSeconds(3));
        assertThat(backoff.afterExit(Duration.ofMinutes(4))).hasSeconds(4);

        assertThat(backoff.afterExit(RestartBackoff.RAN_WELL)).hasSeconds(1);
        assertThat(backoff.afterExit(Duration.ofSeconds(1))).hasSeconds(2);
        assertThat(backoff.restarts()).as("restarts are counted across resets").isEqualTo(5);
    }

    @Test
    void saysTheWaitInWords() {
        assertThat(RestartBackoff.inWords(Duration.ofSeconds(2))).isEqualTo("2 s");
        assertThat(RestartBackoff.inWords(Duration.ofSeconds(32))).isEqualTo("32 s");
        assertThat(RestartBackoff.inWords(Duration.ofMinutes(1))).isEqualTo("1 min");
    }
}
