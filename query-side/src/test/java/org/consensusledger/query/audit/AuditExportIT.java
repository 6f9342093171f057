package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.ApplicationChecks;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The whole log exported from a query side whose heap is 128 MB, far less than the export: it can only succeed if
 * the export streams. 200,000 events, every one seen once, in order.
 */
class AuditExportIT {

    private static final int EVENTS = 200_000;
    private static final int PER_COMMIT = 1_000;

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    @Test
    void twoHundredThousandEventsStreamThroughA128MegabyteHeap(@TempDir Path directory) throws Exception {
        String database = TestMongo.freshDatabaseName();
        try (MongoClient client = MONGO.newClient()) {
            LedgerEventStorageEngine log = engine(client.getDatabase(database));
            for (int commit = 0; commit < EVENTS / PER_COMMIT; commit++) {
                List<DomainEventMessage<?>> events = new ArrayList<>(PER_COMMIT);
                for (int i = 0; i < PER_COMMIT; i++) {
                    events.add(event("aggregate-" + commit, i));
                }
                log.appendEvents(events);
            }
        }
        int port = freePort();
        Path output = directory.resolve("query-side.log");
        Process querySide = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-jar", Path.of("target", "query-side.jar").toString(),
                "--spring.mongodb.uri=" + MONGO.connectionString(database), "--server.port=" + port,
                "--ledger.audit.origin=audit-export.test/log",
                "--ledger.audit.key-file=" + directory.resolve("keys").resolve("checkpoint-signing.key"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // It builds its read models from the 200,000 events first (about half a minute on an idle machine of
            // two cores; several times that on a busy one): the wait is long, and a failure says what it logged.
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                       .until(() -> !querySide.isAlive()
                               || ApplicationChecks.health(port).path("status").asText().equals("UP"));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The query side was not UP after 5 minutes; its log:\n"
                                                 + Files.readString(output), e);
            }
            assertThat(querySide.isAlive()).as("the query side started; its log:%n%s", Files.readString(output))
                                           .isTrue();

            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/audit/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertThat(response.statusCode()).isEqualTo(200);
            ObjectMapper json = new ObjectMapper();
            long expected = 0;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                                                                                  StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonNode event = json.readTree(line);
                    assertThat(event.path("globalPosition").asLong()).isEqualTo(expected);
                    expected++;
                }
            }
            assertThat(expected).isEqualTo(EVENTS);
            assertThat(querySide.isAlive()).as("the query side survived; its log:%n%s", Files.readString(output))
                                           .isTrue();
            assertThat(Files.readString(output)).doesNotContain("OutOfMemoryError");
        } finally {
            querySide.destroy();
            querySide.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
