package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherWatchTest {

    private static final long PID = 4242;
    private static final Instant STARTED = Instant.parse("2026-12-05T10:15:30.120Z");

    private final Map<Long, Instant> processes = new HashMap<>();
    private final AtomicInteger stops = new AtomicInteger();
    private final LauncherWatch.Watch watch =
            new LauncherWatch.Watch(PID, pid -> Optional.ofNullable(processes.get(pid)), stops::incrementAndGet);

    @Test
    void leavesTheApplicationRunningWhileTheLauncherLives() {
        processes.put(PID, STARTED);

        assertThat(watch.check()).isFalse();
        assertThat(watch.check()).isFalse();
        assertThat(stops).hasValue(0);
    }

    @Test
    void stopsTheApplicationOnceTheLauncherIsGone() {
        processes.put(PID, STARTED);
        watch.check();

        processes.remove(PID);

        assertThat(watch.check()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void stopsTheApplicationAtOnceWhenTheLauncherDiedBeforeItsFirstLook() {
        assertThat(watch.check()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void takesTheLaunchersPidUsedByAnotherProcessForTheLauncherGone() {
        processes.put(PID, STARTED);
        watch.check();

        processes.put(PID, STARTED.plusSeconds(90));

        assertThat(watch.check()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void findsALiveProcessAndNotOneThatHasExited() throws Exception {
        assertThat(LauncherWatch.Watch.startOf(ProcessHandle.current().pid()))
                .contains(ProcessHandle.current().info().startInstant().orElseThrow());
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(LauncherWatch.Watch.startOf(exited.pid())).isEmpty();
    }
}
