package org.consensusledger.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged ledger when its data file can no longer grow: the operating system refuses the embedded server's
 * writes (the launcher's file-size limit, lowered with {@code prlimit} to just above the file's size, so that a
 * write past it fails with "File too large", as a full disk fails with "No space left on device"). Commands are
 * answered with the storage-unavailable problem, the command side is not ready, the launcher's log says it once;
 * once the limit is lifted ("space is freed") the ledger takes commands again, without a restart.
 */
class FullDiskIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aDataFileThatCannotGrowRefusesCommandsInWordsAndTheLedgerRecoversWhenItCan(@TempDir Path directory)
            throws Exception {
        assumeTrue(prlimitRuns(), "needs prlimit (util-linux) to change the running launcher's file-size limit");
        int commandPort = LedgerProcess.freePort();
        Path data = directory.resolve("data");
        List<String> arguments = List.of("--data-dir", data.toString(),
                                         "--mongodb-port", String.valueOf(LedgerProcess.freePort()),
                                         "--command-port", String.valueOf(commandPort),
                                         "--query-port", String.valueOf(LedgerProcess.freePort()),
                                         "--command-management-port", String.valueOf(LedgerProcess.freePort()),
                                         "--query-management-port", String.valueOf(LedgerProcess.freePort()));
        try (LedgerProcess ledger = LedgerProcess.start(arguments, directory.resolve("ledger.log"))) {
            String secretariat = ledger.firstToken();
            assertThat(register(commandPort, secretariat, "Before").statusCode()).isEqualTo(201);

            long limit = Files.size(data.resolve("ledger.mv")) + 32 * 1024;
            limitFileSize(ledger.process.pid(), String.valueOf(limit));
            HttpResponse<String> refused = null;
            for (int i = 0; i < 500 && (refused == null || refused.statusCode() == 201); i++) {
                refused = register(commandPort, secretariat, "During " + i);
            }
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.body()).contains("urn:consensus-ledger:problem:storage-unavailable",
                                                "Nothing was recorded");
            assertThat(status(commandPort, "/readyz")).isEqualTo(503);

            limitFileSize(ledger.process.pid(), "unlimited");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                   .until(() -> status(commandPort, "/readyz") == 200);
            assertThat(register(commandPort, secretariat, "After").statusCode()).isEqualTo(201);

            String log = ledger.output();
            // The embedded server's lines (the launcher's), then each application's (its storage health's, at most
            // one each); the refusal's words recur only inside the stack trace of another distinct failure.
            assertThat(count(log, "ERROR \\[launcher] The embedded server cannot write its data file")).isEqualTo(1);
            assertThat(count(log, "\\[launcher] The embedded server writes its data file .* again")).isEqualTo(1);
            assertThat(count(log, "StorageHealth +: The database refuses writes")).isBetween(1L, 2L);
            assertThat(count(log, "StorageUnavailable +: Storage unavailable")).isEqualTo(1);
            assertThat(log).doesNotContain("Unknown error!", "Unexpected failure");
        }
    }

    private static HttpResponse<String> register(int port, String token, String name) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/organisations"))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"name\":\"" + name + "\",\"stakeholderGroup\":\"CIVIL_SOCIETY\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                         HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sets the soft file-size limit of the launcher's process (the embedded server's), as its owner may. */
    private static void limitFileSize(long pid, String bytes) throws Exception {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", String.valueOf(pid), "--fsize=" + bytes + ":")
                .redirectErrorStream(true).start();
        assertThat(prlimit.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(prlimit.exitValue()).as(new String(prlimit.getInputStream().readAllBytes())).isZero();
    }

    private static boolean prlimitRuns() {
        try {
            Process version = new ProcessBuilder("prlimit", "--version").redirectErrorStream(true).start();
            return version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static long count(String log, String regex) {
        return Pattern.compile(regex).matcher(log).results().count();
    }
}
