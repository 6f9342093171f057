package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.consensusledger.audit.Leaves;
import org.consensusledger.audit.Receipt;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.verifier.VerifierCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The receipt-tampering test: an event changed in the database after the command side issued its receipt, before the
 * Merkle tree took it in, is never taken in (the tree stops before it, no checkpoint covers it), the self-check and
 * health say so, and the verifier given the receipt fails at its position; a forged receipt is an alarm too. Undone,
 * the tree goes on. Its own application and database: the tampering must not reach other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.self-check.full-interval=200ms", "ledger.self-check.follow-interval=100ms",
        "ledger.audit.checkpoint-interval=200ms", "ledger.audit.receipt-grace=3s"})
class ReceiptTamperingTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NoteSigner RECEIPT_KEY = new NoteSigner(KeyText.generate("localhost:8082/receipts"));

    @Value("${local.server.port}")
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EventStore events;

    @Autowired
    private LedgerEventStorageEngine log;

    @Autowired
    private LedgerDatabase database;

    @Autowired
    private MerkleLog tree;

    @Autowired
    private Checkpoints checkpoints;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
        registry.add("ledger.audit.key-file", () -> Path.of(System.getProperty("java.io.tmpdir"),
                                                            "receipt-test-" + UUID.randomUUID() + ".key").toString());
        registry.add("ledger.audit.receipt-vkey", () -> RECEIPT_KEY.verifierKey().format());
    }

    @Test
    void anEventChangedAfterItsReceiptIsNeverSignedAndTheVerifierFailsAtIt() throws Exception {
        receiptFor(register());
        long honest = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.latest()
                                                                      .map(latest -> latest.size() == honest)
                                                                      .orElse(false));

        tree.stop();
        long position = register();
        String note = receiptFor(position);
        long after = register();
        receiptFor(after);
        MongoCollection<BsonDocument> commits = database.get().getCollection(EventLogSchema.COMMITS,
                                                                              BsonDocument.class);
        BsonDocument original = commitHolding(commits, position);
        commits.replaceOne(Filters.eq("_id", original.get("_id")), withName(original, position, "Forged"));
        tree.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = json(get(port, "/api/audit/self-check"));
            JsonNode problem = problem(report, "RECEIPT_DIFFERS");
            assertThat(problem).as(report.toString()).isNotNull();
            assertThat(problem.path("position").asLong()).isEqualTo(position);
            assertThat(problem.path("detail").asText()).contains("position " + position, "receipt issued for it at",
                                                                 "says");
            JsonNode health = json(get(managementPort, "/actuator/health")).path("components").path("receipts");
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("details").path("reason").asText()).contains("changed in the database");
        });
        assertThat(tree.size()).isEqualTo(position);
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.latest()
                                                                      .map(latest -> latest.size() == position)
                                                                      .orElse(false));
        assertThat(checkpoints.latest().orElseThrow().size()).isEqualTo(position);
        assertThat(tree.size()).isEqualTo(position);

        Path saved = dir.resolve("answer.json");
        Files.writeString(saved, JSON.writeValueAsString(java.util.Map.of("id", "x", "receipt", note)));
        StringWriter out = new StringWriter();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--server",
                                       "http://127.0.0.1:" + port, "--no-dossiers", "--no-state", "--quiet", "--receipt",
                                       saved.toString());
        assertThat(code).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).startsWith("FAILED at position " + position + ": ")
                                  .contains("differs from the receipt issued at "
                                                    + Instant.ofEpochSecond(Receipt.parseText(
                                                            org.consensusledger.tlog.SignedNote.parse(note).text())
                                                                                   .time()));

        commits.replaceOne(Filters.eq("_id", original.get("_id")), original);
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tree.size()).isEqualTo(head);
            assertThat(json(get(managementPort, "/actuator/health")).path("components").path("receipts")
                                                                     .path("status").asText()).isEqualTo("UP");
            assertThat(problem(json(get(port, "/api/audit/self-check")), "RECEIPT_DIFFERS")).isNull();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.latest()
                                                                      .map(latest -> latest.size() == head)
                                                                      .orElse(false));
        StringWriter verified = new StringWriter();
        assertThat(VerifierCommand.run(new PrintWriter(verified), new PrintWriter(new StringWriter()), "--server",
                                       "http://127.0.0.1:" + port, "--no-dossiers", "--no-state", "--quiet", "--receipt",
                                       saved.toString())).as(verified.toString()).isZero();
        assertThat(verified.toString()).startsWith("VERIFIED").contains("receipts (").contains("match the export");
    }

    @Test
    void aForgedReceiptStopsTheTreeToo() throws Exception {
        receiptFor(register());
        long ready = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.size() == ready);
        tree.stop();
        long position = register();
        NoteSigner forger = new NoteSigner(KeyText.generate("localhost:8082/receipts"));
        byte[] leaf = Leaves.leafHash(log.storedEvents(position).findFirst().orElseThrow());
        String forged = new Receipt("localhost:8082", 1, 2, List.of(new Receipt.Event(position, leaf))).sign(forger);
        MongoCollection<Document> receipts = database.collection(LedgerCollection.EVENT_RECEIPTS);
        receipts.insertOne(new Document("_id", position).append("last", position).append("note", forged));
        tree.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode problem = problem(json(get(port, "/api/audit/self-check")), "RECEIPT_DIFFERS");
            assertThat(problem).isNotNull();
            assertThat(problem.path("detail").asText()).contains("not a valid receipt", "forged");
        });
        assertThat(tree.size()).isEqualTo(position);

        receipts.deleteOne(Filters.eq("_id", position));
        receiptFor(position);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.size() > position);
    }

    /**
     * The tree runs while an event is changed between its append and the keeping of its receipt (kept late): the tree
     * waits for the receipt instead of taking the changed event in, and stops before it once the receipt is kept.
     */
    @Test
    void anEventChangedBeforeItsReceiptIsKeptIsNeverSigned() throws Exception {
        receiptFor(register());
        long position = register();
        byte[] leaf = Leaves.leafHash(log.storedEvents(position).findFirst().orElseThrow());
        MongoCollection<BsonDocument> commits = database.get().getCollection(EventLogSchema.COMMITS,
                                                                              BsonDocument.class);
        BsonDocument original = commitHolding(commits, position);
        commits.replaceOne(Filters.eq("_id", original.get("_id")), withName(original, position, "Forged"));
        long now = Instant.now().getEpochSecond();
        String note = new Receipt("localhost:8082", now, now + 300, List.of(new Receipt.Event(position, leaf)))
                .sign(RECEIPT_KEY);
        database.collection(LedgerCollection.EVENT_RECEIPTS)
                .insertOne(new Document("_id", position).append("last", position).append("note", note));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode problem = problem(json(get(port, "/api/audit/self-check")), "RECEIPT_DIFFERS");
            assertThat(problem).isNotNull();
            assertThat(problem.path("position").asLong()).isEqualTo(position);
        });
        assertThat(tree.size()).isEqualTo(position);

        commits.replaceOne(Filters.eq("_id", original.get("_id")), original);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.size() > position);
    }

    /**
     * From the first receipt on, an event whose receipt is missing (deleted, or never kept) is taken in after the grace
     * period with a RECEIPT_MISSING alarm at its position, on the self-check and the health; a receipt kept later that
     * matches clears it. A receipt document that cannot be read is an alarm too, never a stall or a 5xx.
     */
    @Test
    void anEventWithoutItsReceiptIsAnAlarmAndAnUnreadableReceiptToo() throws Exception {
        long receipted = register();
        receiptFor(receipted);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.size() > receipted);
        long position = register();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode problem = problem(json(get(port, "/api/audit/self-check")), "RECEIPT_MISSING");
            assertThat(problem).isNotNull();
            assertThat(problem.path("position").asLong()).isEqualTo(position);
            assertThat(problem.path("detail").asText()).contains("position " + position, "has no receipt");
            JsonNode health = json(get(managementPort, "/actuator/health")).path("components").path("receipts");
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            assertThat(health.path("details").path("reason").asText()).contains("has no receipt");
        });
        assertThat(tree.size()).isGreaterThan(position);

        receiptFor(position);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(problem(json(get(port, "/api/audit/self-check")), "RECEIPT_MISSING")).isNull();
            assertThat(json(get(managementPort, "/actuator/health")).path("components").path("receipts")
                                                                     .path("status").asText()).isEqualTo("UP");
        });

        long damaged = register();
        MongoCollection<Document> receipts = database.collection(LedgerCollection.EVENT_RECEIPTS);
        receipts.insertOne(new Document("_id", damaged).append("note", 5));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode problem = problem(json(get(port, "/api/audit/self-check")), "RECEIPT_DIFFERS");
            assertThat(problem).isNotNull();
            assertThat(problem.path("position").asLong()).isEqualTo(damaged);
            assertThat(problem.path("detail").asText()).contains("cannot be read");
        });
        assertThat(tree.size()).isEqualTo(damaged);
        assertThat(get(port, "/api/audit/receipts?from=" + damaged).statusCode()).isEqualTo(200);
        receipts.deleteOne(Filters.eq("_id", damaged));
        receiptFor(damaged);
        await().atMost(Duration.ofSeconds(30)).until(() -> tree.size() > damaged);
    }

    @Test
    void theReceiptsAndTheirKeyAreServedToAnyone() throws Exception {
        long position = register();
        String note = receiptFor(position);

        HttpResponse<String> vkey = get(port, "/api/audit/receipt-vkey");
        assertThat(vkey.statusCode()).isEqualTo(200);
        assertThat(vkey.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain"));
        assertThat(vkey.body()).isEqualTo(RECEIPT_KEY.verifierKey().format() + "\n");

        JsonNode page = json(get(port, "/api/audit/receipts?from=" + position + "&limit=1"));
        assertThat(page.path("from").asLong()).isEqualTo(position);
        assertThat(page.path("to").asLong()).isEqualTo(position + 1);
        assertThat(page.path("receipts")).hasSize(1);
        assertThat(page.path("receipts").get(0).path("firstPosition").asLong()).isEqualTo(position);
        assertThat(page.path("receipts").get(0).path("receipt").asText()).isEqualTo(note);

        HttpResponse<String> tooLarge = get(port, "/api/audit/receipts?limit=1001");
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> negative = get(port, "/api/audit/receipts?from=-1");
        assertThat(negative.statusCode()).isEqualTo(400);
        HttpResponse<String> overflowing = get(port, "/api/audit/receipts?from=" + (Long.MAX_VALUE - 10));
        assertThat(overflowing.statusCode()).isEqualTo(400);
        assertThat(overflowing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(overflowing).path("detail").asText()).contains("beyond the largest position");
        JsonNode paths = json(get(port, "/v3/api-docs")).path("paths");
        assertThat(paths.has("/api/audit/receipts")).isTrue();
        assertThat(paths.has("/api/audit/receipt-vkey")).isTrue();
    }

    /** Registers an organisation (one event) and returns its position. */
    private long register() {
        long position = log.nextGlobalPosition();
        String id = "org-" + UUID.randomUUID();
        events.publish(new GenericDomainEventMessage<>("Organisation", id, 0,
                                                       new OrganisationRegistered(id, "Open Rights",
                                                                                  StakeholderGroup.CIVIL_SOCIETY,
                                                                                  null)));
        return position;
    }

    /** Issues and keeps the receipt of the event at {@code position}, as the command side does; returns it. */
    private String receiptFor(long position) {
        byte[] leaf = Leaves.leafHash(log.storedEvents(position).findFirst().orElseThrow());
        long now = Instant.now().getEpochSecond();
        String note = new Receipt("localhost:8082", now, now + 300, List.of(new Receipt.Event(position, leaf)))
                .sign(RECEIPT_KEY);
        database.collection(LedgerCollection.EVENT_RECEIPTS)
                .insertOne(new Document("_id", position).append("last", position).append("note", note));
        return note;
    }

    private static BsonDocument commitHolding(MongoCollection<BsonDocument> commits, long position) {
        BsonDocument commit = commits.find(Filters.lte("_id", position)).sort(Sorts.descending("_id")).first();
        assertThat(commit).isNotNull();
        return commit;
    }

    private static BsonDocument withName(BsonDocument commit, long position, String name) {
        BsonDocument changed = commit.clone();
        BsonArray stored = changed.getArray(EventLogSchema.EVENTS);
        for (BsonValue event : stored) {
            if (event.asDocument().getInt64(EventLogSchema.POSITION).getValue() == position) {
                event.asDocument().getDocument(EventLogSchema.PAYLOAD).put("name", new BsonString(name));
            }
        }
        return changed;
    }

    private static JsonNode problem(JsonNode report, String kind) {
        for (JsonNode problem : report.path("problems")) {
            if (problem.path("kind").asText().equals(kind)) {
                return problem;
            }
        }
        return null;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
