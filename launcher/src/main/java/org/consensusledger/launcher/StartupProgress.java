package org.consensusledger.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a starting application is getting anywhere: it is while its CPU time keeps growing (by at least
 * {@link #SIGNIFICANT_CPU} since the last time it did). A start is given up only once it made no progress for the
 * whole {@code --startup-timeout}: a start that takes minutes on a loaded machine or a long log goes on, one stuck (a
 * JVM waiting on something that never comes, a stopped process) fails. An idle JVM still spends a little CPU; the
 * threshold keeps that from passing for progress. Where the operating system does not tell a process's CPU time,
 * nothing counts as progress and the timeout is counted from the start, as a plain deadline.
 */
final class StartupProgress {

    static final Duration SIGNIFICANT_CPU = Duration.ofMillis(100);

    private final Duration timeout;
    private Instant lastProgress;
    private Duration cpuAtLastProgress;

    StartupProgress(Duration timeout, Instant now, Optional<Duration> cpu) {
        this.timeout = timeout;
        this.lastProgress = now;
        this.cpuAtLastProgress = cpu.orElse(Duration.ZERO);
    }

    /** Takes in the CPU time the process has used by {@code now}; false once it made no progress for the timeout. */
    boolean observe(Instant now, Optional<Duration> cpu) {
        if (cpu.isPresent() && cpu.get().minus(cpuAtLastProgress).compareTo(SIGNIFICANT_CPU) >= 0) {
            cpuAtLastProgress = cpu.get();
            lastProgress = now;
        }
        return Duration.between(lastProgress, now).compareTo(timeout) <= 0;
    }

    /** The CPU time a process has used so far, where the operating system tells it. */
    static Optional<Duration> cpuOf(Process process) {
        return process.info().totalCpuDuration();
    }
}
