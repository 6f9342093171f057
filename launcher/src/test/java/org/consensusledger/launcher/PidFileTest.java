package org.consensusledger.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a launcher does with the processes an earlier one recorded: stops its own leftovers, and nothing else. */
class PidFileTest {

    @TempDir
    Path data;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void readsWhatItWroteAndKeepsItToItsOwner() throws Exception {
        PidFile file = new PidFile(data);
        List<PidFile.Entry> entries = List.of(new PidFile.Entry("launcher", 12, Instant.parse("2026-12-05T12:00:00Z")),
                                              new PidFile.Entry("query-side", 34,
                                                                Instant.parse("2026-12-05T12:00:01.230Z")));
        file.write(entries);

        assertThat(file.read()).isEqualTo(entries);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        file.delete();
        assertThat(file.read()).isEmpty();
    }

    @Test
    void stopsAnApplicationAnEarlierLauncherLeftRunning() throws Exception {
        Process leftover = pretending("query-side.jar");
        PidFile file = new PidFile(data);
        file.write(List.of(entry("query-side", leftover)));

        assertThat(file.stopLeftovers(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(leftover.isAlive()).isFalse();
    }

    @Test
    void leavesAProcessThatReusedTheRecordedPidAlone() throws Exception {
        Process other = pretending("query-side.jar");
        PidFile file = new PidFile(data);
        Instant started = other.info().startInstant().orElseThrow();
        file.write(List.of(new PidFile.Entry("query-side", other.pid(), started.minusSeconds(60))));

        assertThat(file.stopLeftovers(Duration.ofSeconds(10))).isZero();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void leavesAProcessThatRunsAnotherProgramAlone() throws Exception {
        Process other = pretending("something-else.jar");
        PidFile file = new PidFile(data);
        file.write(List.of(entry("query-side", other)));

        assertThat(file.stopLeftovers(Duration.ofSeconds(10))).isZero();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void findsTheRecordedLauncherOnlyWhileThatVeryProcessRuns() throws Exception {
        PidFile file = new PidFile(data);
        ProcessHandle self = ProcessHandle.current();
        file.write(List.of(PidFile.Entry.of("launcher", self).orElseThrow()));
        assertThat(file.runningLauncher()).contains(self);

        file.write(List.of(new PidFile.Entry("launcher", self.pid(), Instant.parse("2020-01-01T00:00:00Z"))));
        assertThat(file.runningLauncher()).isEmpty();
    }

    /** A shell whose command line names {@code jar}, which stops within a second of SIGTERM. */
    private Process pretending(String jar) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done", jar)
                .start();
        started.add(process);
        return process;
    }

    private static PidFile.Entry entry(String name, Process process) {
        return PidFile.Entry.of(name, process.toHandle()).orElseThrow();
    }
}
