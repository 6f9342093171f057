package org.consensusledger.command.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.consensusledger.command.account.TestAccounts;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.consensusledger.embedded.FullDiskFileSystem;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command side on an embedded server whose disk fills up ({@link FullDiskFileSystem}): every command is answered
 * with the storage-unavailable problem and nothing is recorded, reads go on, the health and /readyz are DOWN with
 * the reason, the log says it once; once space is freed the health is UP again and commands are recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FullDiskApiTest {

    private static Path directory;
    private static EmbeddedMongoServer server;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private ApplicationContext context;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) throws IOException {
        directory = Files.createTempDirectory("full-disk-api");
        server = FullDiskFileSystem.server(directory.resolve("ledger.mv"), Duration.ofMillis(100));
        registry.add("spring.mongodb.uri", () -> server.connectionString() + "/ledger");
    }

    @AfterAll
    static void stop() throws IOException {
        FullDiskFileSystem.free();
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (UncheckedIOException ignored) {
            // a temporary directory left behind
        }
    }

    @BeforeEach
    void captureTheLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        FullDiskFileSystem.free();
        root.detachAppender(log);
    }

    @Test
    void aFullDiskAnswersEveryCommandWithTheProblemAndTheLedgerTakesCommandsAgainOnceSpaceIsFreed() {
        ApiClient api = new ApiClient(port);
        String secretariat = TestAccounts.secretariat(context);
        ApiClient.Response before = api.post("/api/organisations", secretariat,
                                             Map.of("name", "Before", "stakeholderGroup", "PRIVATE_SECTOR"));
        assertThat(before.status()).as(before.toString()).isEqualTo(201);
        long events = storedEvents();

        FullDiskFileSystem.fill();
        for (int i = 0; i < 3; i++) {
            ApiClient.Response refused = api.post("/api/organisations", secretariat,
                                                  Map.of("name", "During " + i, "stakeholderGroup", "CIVIL_SOCIETY"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("30");
            assertThat(refused.json().path("type").asText())
                    .isEqualTo("urn:consensus-ledger:problem:storage-unavailable");
            assertThat(refused.json().path("detail").asText()).contains("disk", "Nothing was recorded",
                                                                        "free space");
        }
        // With an Idempotency-Key (as the console sends its commands) the key's claim is the first write refused.
        String key = UUID.randomUUID().toString();
        ApiClient.Response keyed = api.post("/api/organisations", secretariat,
                                            Map.of("name", "Keyed", "stakeholderGroup", "CIVIL_SOCIETY"),
                                            "Idempotency-Key", key);
        assertThat(keyed.status()).as(keyed.toString()).isEqualTo(503);
        assertThat(keyed.header("Retry-After")).isEqualTo("30");
        assertThat(keyed.json().path("type").asText()).isEqualTo("urn:consensus-ledger:problem:storage-unavailable");
        assertThat(storedEvents()).as("nothing recorded").isEqualTo(events);
        assertThat(api.get("/api/accounts/me", secretariat).status()).as("reads go on").isEqualTo(200);

        HealthIndicator storage = context.getBean("storage", HealthIndicator.class);
        assertThat(storage.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(storage.health().getDetails().get("reason").toString()).contains("No space left on device");
        assertThat(api.get("/readyz", null).status()).isEqualTo(503);

        FullDiskFileSystem.free();
        await().atMost(Duration.ofSeconds(20))
               .untilAsserted(() -> assertThat(api.get("/readyz", null).status()).isEqualTo(200));
        assertThat(storage.health().getStatus()).isEqualTo(Status.UP);
        ApiClient.Response after = api.post("/api/organisations", secretariat,
                                            Map.of("name", "After", "stakeholderGroup", "PRIVATE_SECTOR"));
        assertThat(after.status()).as(after.toString()).isEqualTo(201);
        ApiClient.Response resent = api.post("/api/organisations", secretariat,
                                             Map.of("name", "Keyed", "stakeholderGroup", "CIVIL_SOCIETY"),
                                             "Idempotency-Key", key);
        assertThat(resent.status()).as("the refused request sent again with its key: " + resent).isEqualTo(201);
        assertThat(resent.header("Idempotency-Replayed")).isNull();
        assertThat(storedEvents()).isEqualTo(events + 2);

        assertThat(lines("Storage unavailable: requests that store something")).as("four refusals, one line")
                                                                                .isEqualTo(1);
        assertThat(lines("The database refuses writes")).isEqualTo(1);
        assertThat(lines("The database stores writes again")).isEqualTo(1);
        assertThat(log.list.stream().filter(event -> event.getLevel() == Level.ERROR
                && event.getFormattedMessage().startsWith("Unexpected failure"))).isEmpty();
    }

    private long lines(String start) {
        return log.list.stream().filter(event -> event.getFormattedMessage().startsWith(start)).count();
    }

    private long storedEvents() {
        return context.getBean(LedgerEventStorageEngine.class).nextGlobalPosition();
    }
}
