package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.ApplicationChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.CookieManager;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The README's one command, as a newcomer runs it: the launcher jar starts the embedded server and both sides, says
 * where each listens and where the secretariat's first token is (an owner-only file), stops everything on Ctrl-C (SIGINT), and finds all data
 * again on the next start.
 */
class LauncherIT {

    private static final Pattern TOKEN = LedgerProcess.TOKEN;

    @Test
    void runsTheWholeLedgerStopsOnCtrlCAndFindsItsDataAgain(@TempDir Path directory) throws Exception {
        int mongoPort = LedgerProcess.freePort();
        int commandPort = LedgerProcess.freePort();
        int queryPort = LedgerProcess.freePort();
        int commandManagementPort = LedgerProcess.freePort();
        int queryManagementPort = LedgerProcess.freePort();
        List<String> arguments = List.of("--data-dir", directory.resolve("data").toString(),
                                         "--mongodb-port", String.valueOf(mongoPort),
                                         "--command-port", String.valueOf(commandPort),
                                         "--query-port", String.valueOf(queryPort),
                                         "--command-management-port", String.valueOf(commandManagementPort),
                                         "--query-management-port", String.valueOf(queryManagementPort));
        Path firstLog = directory.resolve("first.log");
        LedgerProcess firstLedger = LedgerProcess.start(arguments, firstLog);
        Process first = firstLedger.process;
        assertThat(Files.readString(firstLog))
                .contains("listening on mongodb://127.0.0.1:" + mongoPort)
                .contains("The command side is up: http://localhost:" + commandPort + " (health: http://127.0.0.1:"
                                  + commandManagementPort + "/actuator/health)")
                .contains("The query side is up: http://localhost:" + queryPort + " (health: http://127.0.0.1:"
                                  + queryManagementPort + "/actuator/health, metrics: http://127.0.0.1:"
                                  + queryManagementPort + "/actuator/prometheus)");

        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            LedgerEventStorageEngine engine = engine(client.getDatabase("consensus-ledger"));
            engine.appendEvents(event("kept", 0), event("kept", 1));
            engine.appendEvents(event("kept", 2));
        }
        assertThat(eventsReportedBy(commandManagementPort)).isEqualTo(3);
        // Health details and metrics on the management ports only; the public ports answer the bare status.
        ApplicationChecks.assertPublicPortShowsNoDetails(commandPort, false);
        ApplicationChecks.assertPublicPortShowsNoDetails(queryPort, false);
        assertThat(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + queryManagementPort + "/actuator/prometheus"))
                           .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("ledger_log_head");

        // By default the public ports are this machine's only: from another interface's address nothing answers.
        for (int port : new int[] {commandPort, queryPort}) {
            otherInterfaceAddress().ifPresent(address -> assertThatThrownBy(() -> new Socket(address, port).close())
                    .as("port %d on %s", port, address).isInstanceOf(ConnectException.class));
        }

        // First start: the secretariat's token is written to an owner-only file in the data directory, the log
        // says where and never holds the token, and it works.
        String secretariat = firstLedger.firstToken();
        Path tokenFile = directory.resolve("data").resolve(LedgerProcess.FIRST_TOKEN_FILE);
        assertThat(Files.getPosixFilePermissions(tokenFile)).as("the first token is the owner's alone")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(firstLog)).contains(tokenFile.toAbsolutePath().toString());
        assertThat(TOKEN.matcher(Files.readString(firstLog)).find()).as("no token in the log").isFalse();
        HttpResponse<String> registered = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + commandPort + "/api/organisations"))
                           .header("Authorization", "Bearer " + secretariat)
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString(
                                   "{\"name\":\"Open Rights\",\"stakeholderGroup\":\"CIVIL_SOCIETY\"}"))
                           .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(eventsReportedBy(commandManagementPort)).isEqualTo(4);

        // A co-chair's console session, which the restart below keeps.
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                       .followRedirects(HttpClient.Redirect.NEVER).build();
        String console = "http://localhost:" + commandPort + "/console";
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(
                browser.send(HttpRequest.newBuilder(URI.create(console + "/sign-in")).build(),
                             HttpResponse.BodyHandlers.ofString()).body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<Void> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(console + "/sign-in"))
                           .header("Content-Type", "application/x-www-form-urlencoded")
                           .POST(HttpRequest.BodyPublishers.ofString(
                                   "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&token="
                                           + URLEncoder.encode(secretariat, StandardCharsets.UTF_8)))
                           .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(consoleStatus(browser, console)).isEqualTo(200);
        assertThat(Files.getPosixFilePermissions(directory.resolve("data").resolve("console-sessions")))
                .as("the sessions are the owner's alone").containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        Path data = directory.resolve("data");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .as("the data directory is the owner's alone").isEqualTo("rwx------");
        Path keys = directory.resolve("keys");
        for (Path file : List.of(data.resolve("ledger.mv"), data.resolve("log-origin"),
                                 keys.resolve("checkpoint-signing.key"), keys.resolve("log-origin"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file + " is the owner's alone").isEqualTo("rw-------");
        }
        // The signing key lives beside the data directory, not in it; the log names its origin, made up for this
        // install and recorded, and prints the key's fingerprint for publication.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .as("the keys directory is the owner's alone").isEqualTo("rwx------");
        assertThat(data.resolve("checkpoint-signing.key")).doesNotExist();
        String origin = Files.readString(data.resolve("log-origin")).strip();
        assertThat(origin).matches("consensus-ledger\\.localhost/[0-9a-f]{16}");
        assertThat(Files.readString(keys.resolve("log-origin")).strip()).as("the keys directory is bound to the log")
                .isEqualTo(origin);
        String vkey = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort + "/api/audit/vkey")).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
        assertThat(vkey).startsWith(origin + "+");
        assertThat(Files.readString(firstLog)).contains("The log's origin: " + origin)
                .contains("checkpoint key: " + vkey + "  SHA-256 fingerprint: "
                                  + org.consensusledger.tlog.KeyText.fingerprint(vkey));

        List<ProcessHandle> children = first.descendants().toList();
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);
        assertThat(javaOptionsOf(children, "query-side.jar")).containsExactly("-XX:+UseParallelGC");
        assertThat(javaOptionsOf(children, "command-side.jar")).isEmpty();
        firstLedger.close();
        assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).isFalse());
        assertThat(Files.readString(firstLog)).contains("data closed cleanly").doesNotContain("unexpectedly");
        Path savedSessions = data.resolve("console-sessions").resolve("SESSIONS.ser");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(savedSessions)))
                .as("the console's saved sessions are the owner's alone").isEqualTo("rw-------");

        // The layout before the keys directory: the key in the data directory. The next start moves it back.
        Files.move(keys.resolve("checkpoint-signing.key"), data.resolve("checkpoint-signing.key"));

        Path secondLog = directory.resolve("second.log");
        List<String> withOptions = new ArrayList<>(arguments);
        withOptions.addAll(List.of("--command-side-java-options", "-Xmx384m -Xss1m",
                                   "--query-side-java-options", "-Xmx512m"));
        try (LedgerProcess second = LedgerProcess.start(withOptions, secondLog)) {
            List<ProcessHandle> restarted = second.process.descendants().toList();
            assertThat(javaOptionsOf(restarted, "command-side.jar")).containsExactly("-Xmx384m", "-Xss1m");
            assertThat(javaOptionsOf(restarted, "query-side.jar")).containsExactly("-Xmx512m");
            assertThat(eventsReportedBy(queryManagementPort)).isEqualTo(4);
            assertThat(Files.readString(secondLog)).contains("Moved the checkpoint signing key from the data directory")
                                                   .contains("The log's origin: " + origin);
            assertThat(data.resolve("checkpoint-signing.key")).doesNotExist();
            assertThat(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + queryPort + "/api/audit/vkey")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().strip()).as("the same key signs on").isEqualTo(vkey);
            assertThat(TOKEN.matcher(Files.readString(secondLog)).find()).as("no token in the log").isFalse();
            assertThat(Files.readString(tokenFile).strip()).as("no new token on restart").isEqualTo(secretariat);
            assertThat(Files.readString(secondLog)).as("no new account on restart")
                                                   .doesNotContain("created the secretariat account");
            assertThat(consoleStatus(browser, console)).as("still signed in after the restart").isEqualTo(200);
        }
    }



    private static int consoleStatus(HttpClient browser, String console) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(console)).build(), HttpResponse.BodyHandlers.discarding())
                      .statusCode();
    }

    /** The JVM options of the child process that runs {@code jar}: its arguments before {@code -jar}. */
    private static List<String> javaOptionsOf(List<ProcessHandle> processes, String jar) {
        List<String> arguments = processes.stream()
                                          .map(process -> List.of(process.info().arguments().orElse(new String[0])))
                                          .filter(args -> args.stream().anyMatch(arg -> arg.endsWith(jar)))
                                          .findFirst()
                                          .orElseThrow(() -> new AssertionError("no process runs " + jar));
        return arguments.subList(0, arguments.indexOf("-jar"));
    }

    /**
     * The events an application's health reports. Its health answers 503 until the application is ready, which may
     * come a moment after its liveness (what the launcher waits for): wait for 200.
     */
    private static long eventsReportedBy(int port) {
        AtomicLong events = new AtomicLong();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode health = ApplicationChecks.health(port);
            events.set(health.path("components").path("eventLog").path("details").path("events").asLong());
        });
        return events.get();
    }



    /** An IPv4 address of this machine on an interface other than the loopback, if it has one. */
    private static Optional<InetAddress> otherInterfaceAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                               .flatMap(NetworkInterface::inetAddresses)
                               .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                                       && !address.isLinkLocalAddress())
                               .findFirst();
    }
}
