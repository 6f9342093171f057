package org.consensusledger.launcher;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher keeps the ledger running and leaves nothing behind, on one ledger from start to end: an application
 * killed is started again and serves while the other runs on; a launcher killed (SIGKILL) while its applications
 * could not notice has them stopped by the next launcher, which then serves; a launcher killed takes its applications
 * with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One ledger for the whole class: its data directory lives as long as the class. */
    @TempDir
    static Path directory;
    private final int commandPort = freePort();
    private final int queryPort = freePort();
    private List<String> arguments;
    private LedgerProcess ledger;
    /** Every process the test saw, killed at the end whatever happened. */
    private final List<ProcessHandle> seen = new ArrayList<>();

    @Test
    @Order(1)
    void startsAKilledApplicationAgainWhileTheOtherRunsOn() throws Exception {
        arguments = List.of("--data-dir", directory.resolve("data").toString(),
                            "--mongodb-port", String.valueOf(freePort()),
                            "--command-port", String.valueOf(commandPort), "--query-port", String.valueOf(queryPort),
                            "--command-management-port", String.valueOf(freePort()),
                            "--query-management-port", String.valueOf(freePort()));
        ledger = LedgerProcess.start(arguments, directory.resolve("first.log"));
        ProcessHandle command = application(ledger, "command-side");
        ProcessHandle query = application(ledger, "query-side");

        query.destroyForcibly();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(
                () -> assertThat(ledger.output())
                        .contains("The query side stopped unexpectedly (exit code 137); restarting it in 1 s "
                                          + "(restart 1)")
                        .contains("The query side is up again (pid "));
        ProcessHandle restarted = application(ledger, "query-side");
        assertThat(restarted.pid()).isNotEqualTo(query.pid());
        assertThat(status(queryPort, "/")).as("the public site serves again").isEqualTo(200);
        assertThat(command.isAlive()).as("the command side ran on").isTrue();
        assertThat(application(ledger, "command-side").pid()).isEqualTo(command.pid());
        assertThat(Files.readString(directory.resolve("data").resolve(PidFile.NAME)))
                .as("the pid file names the new query side").contains("query-side " + restarted.pid() + " ");
    }

    @Test
    @Order(2)
    void aLauncherStartedOverApplicationsAKilledOneLeftStopsThemAndServes() throws Exception {
        ProcessHandle command = application(ledger, "command-side");
        ProcessHandle query = application(ledger, "query-side");
        // Stopped (SIGSTOP), they cannot notice their launcher gone: they stand for the applications a killed
        // launcher leaves behind when they cannot stop by themselves.
        signal("STOP", command, query);
        ledger.process.destroyForcibly();
        assertThat(ledger.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(command.isAlive() && query.isAlive()).as("left running").isTrue();

        ledger = LedgerProcess.start(arguments, directory.resolve("second.log"));

        assertThat(command.isAlive()).as("the command side left behind").isFalse();
        assertThat(query.isAlive()).as("the query side left behind").isFalse();
        assertThat(ledger.output())
                .contains("The command-side (pid " + command.pid() + ") started by an earlier launcher")
                .contains("The query-side (pid " + query.pid() + ") started by an earlier launcher");
        assertThat(application(ledger, "command-side").pid()).isNotEqualTo(command.pid());
        assertThat(status(commandPort, "/livez")).isEqualTo(200);
        assertThat(status(queryPort, "/")).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aKilledLauncherTakesItsApplicationsWithIt() throws Exception {
        ProcessHandle command = application(ledger, "command-side");
        ProcessHandle query = application(ledger, "query-side");

        ledger.process.destroyForcibly();

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
               .until(() -> !command.isAlive() && !query.isAlive());
        assertThat(ledger.output()).contains("The launcher (pid " + ledger.process.pid() + ") is gone; stopping");
    }

    @AfterAll
    void stopEverything() throws Exception {
        seen.forEach(ProcessHandle::destroyForcibly);
        if (ledger != null) {
            ledger.process.destroyForcibly();
        }
    }

    /** The launcher's child running {@code name}'s jar (once there is one, after a restart). */
    private ProcessHandle application(LedgerProcess launcher, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(launcher, name).isPresent());
        ProcessHandle application = find(launcher, name).orElseThrow();
        seen.add(application);
        return application;
    }

    private static Optional<ProcessHandle> find(LedgerProcess launcher, String name) {
        return launcher.process.children()
                               .filter(ProcessHandle::isAlive)
                               .filter(child -> List.of(child.info().arguments().orElse(new String[0])).stream()
                                                    .anyMatch(argument -> argument.endsWith("/" + name + ".jar")))
                               .findFirst();
    }

    private static void signal(String signal, ProcessHandle... processes) throws Exception {
        for (ProcessHandle process : processes) {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
        }
    }

    /** The status the port answers {@code path} with, once it answers 200 (within a minute; else the last one). */
    private static int status(int port, String path) {
        int[] last = {-1};
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            last[0] = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
            return last[0] == 200;
        });
        return last[0];
    }

    private static int freePort() {
        try {
            return LedgerProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
