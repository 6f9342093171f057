package org.consensusledger.launcher;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up rule on a fake clock: time and CPU time move only as each test says. */
class StartupProgressTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Instant START = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void waitsPastTheTimeoutForAStartThatKeepsUsingCpu() {
        StartupProgress progress = new StartupProgress(TIMEOUT, START, cpu(0));

        for (int minute = 1; minute <= 10; minute++) {
            assertThat(progress.observe(START.plus(Duration.ofMinutes(minute)), cpu(minute * 20_000L)))
                    .as("minute %d", minute).isTrue();
        }
    }

    @Test
    void givesUpOnAStartWithoutProgressForTheTimeout() {
        StartupProgress progress = new StartupProgress(TIMEOUT, START, cpu(0));
        assertThat(progress.observe(START.plusSeconds(30), cpu(9_000))).isTrue();

        assertThat(progress.observe(START.plusSeconds(30).plus(TIMEOUT), cpu(9_000))).as("just the timeout").isTrue();
        assertThat(progress.observe(START.plusSeconds(31).plus(TIMEOUT), cpu(9_000))).isFalse();
    }

    @Test
    void doesNotTakeAnIdleJvmsFewTicksForProgress() {
        StartupProgress progress = new StartupProgress(TIMEOUT, START, cpu(5_000));
        long cpu = 5_000;
        for (int second = 10; second <= 180; second += 10) {
            cpu += 5;
            assertThat(progress.observe(START.plusSeconds(second), cpu(cpu))).isTrue();
        }

        assertThat(progress.observe(START.plusSeconds(190), cpu(cpu + 5))).isFalse();
    }

    @Test
    void countsTheTimeoutFromTheStartWhereCpuTimeIsUnknown() {
        StartupProgress progress = new StartupProgress(TIMEOUT, START, Optional.empty());

        assertThat(progress.observe(START.plus(TIMEOUT), Optional.empty())).isTrue();
        assertThat(progress.observe(START.plus(TIMEOUT).plusSeconds(1), Optional.empty())).isFalse();
    }

    private static Optional<Duration> cpu(long millis) {
        return Optional.of(Duration.ofMillis(millis));
    }
}
