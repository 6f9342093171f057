package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The auditors' verifier against a started query side, with the log tampered with directly in MongoDB after the
 * auditor saved a checkpoint: each change is caught, at the position where it is. The tree is paused while the
 * documents are edited (so it does not take an edit for new events); the last case is the operator's cover-up,
 * where the tree and a fresh checkpoint are recomputed from the edited log and signed with the log's own key. A query
 * side started with another key refuses to sign the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperingTest {

    private static final int EVENTS = 60;
    private static final String DATABASE = TestMongo.freshDatabaseName();

    @TempDir
    static Path directory;
    private static ConfigurableApplicationContext app;
    private static MongoCollection<BsonDocument> commits;
    private static List<BsonDocument> original;
    private static Path saved;
    private static String base;

    @BeforeAll
    static void aLogAndACheckpointSavedByTheAuditor() throws Exception {
        MongoDatabase database = TestMongo.shared().newClient().getDatabase(DATABASE);
        LedgerEventStorageEngine log = EventLogFixtures.engine(database);
        for (int i = 0; i < EVENTS; i++) {
            log.appendEvents(event("aggregate-" + i % 5, i / 5));
        }
        app = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri=" + TestMongo.shared().connectionString(DATABASE),
                "--ledger.audit.key-file=" + directory.resolve("log.key"), "--ledger.audit.checkpoint-interval=100ms");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        String note = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/audit/checkpoint"),
                body -> body.startsWith("localhost") && checkpoint(body).size() == EVENTS);
        saved = Files.writeString(directory.resolve("saved-checkpoint.txt"), note);
        app.getBean(MerkleLog.class).stop();
        commits = database.getCollection(EventLogSchema.COMMITS, BsonDocument.class);
        original = commits.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(original).hasSize(EVENTS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void restore() {
        commits.deleteMany(Filters.empty());
        commits.insertMany(original);
    }

    @Test
    @Order(1)
    void theUntouchedLogVerifies() {
        assertThat(verify()).startsWith("0 VERIFIED 60 events");
    }

    @Test
    @Order(2)
    void aChangedPayloadByte() {
        edit(20, event -> event.getDocument("payload").put("text", new BsonString("aggregate-0 #5")));
        assertThat(verify()).startsWith("1 FAILED at position 20:");
    }

    @Test
    @Order(3)
    void aChangedMetadataField() {
        edit(21, event -> event.getDocument("metadata").put("recordedBy", new BsonString("account-2")));
        assertThat(verify()).startsWith("1 FAILED at position 21:");
    }

    @Test
    @Order(4)
    void aDeletedEvent() {
        commits.deleteOne(Filters.eq("_id", 30L));
        // The log reads in position order and stops at the gap, so the export ends there.
        assertThat(verify()).startsWith("1 FAILED").contains("export has 30 events");
    }

    @Test
    @Order(5)
    void aDeletedEventWithTheRestRenumbered() {
        renumber(31, -1);
        assertThat(verify()).startsWith("1 FAILED at position 30:");
    }

    @Test
    @Order(6)
    void anInsertedEventWithTheRestRenumbered() {
        renumber(30, +1);
        BsonDocument inserted = original.get(29).clone();
        inserted.put("_id", new BsonInt64(30));
        inserted.remove(EventLogSchema.STREAM_KEYS);
        BsonDocument event = inserted.getArray(EventLogSchema.EVENTS).get(0).asDocument();
        event.put(EventLogSchema.POSITION, new BsonInt64(30));
        event.put(EventLogSchema.EVENT_ID, new BsonString(UUID.randomUUID().toString()));
        event.getDocument("payload").put("text", new BsonString("a decision nobody took"));
        commits.insertOne(inserted);
        assertThat(verify()).startsWith("1 FAILED at position 30:");
    }

    @Test
    @Order(7)
    void twoEventsSwapped() {
        BsonDocument first = original.get(40).getArray(EventLogSchema.EVENTS).get(0).asDocument();
        BsonDocument second = original.get(41).getArray(EventLogSchema.EVENTS).get(0).asDocument();
        edit(40, event -> copyAllButPosition(second, event));
        edit(41, event -> copyAllButPosition(first, event));
        assertThat(verify()).startsWith("1 FAILED at position 40:");
    }

    @Test
    @Order(8)
    void theTailTruncated() {
        commits.deleteMany(Filters.gte("_id", 50L));
        assertThat(verify()).startsWith("1 FAILED").contains("truncated");
    }

    @Test
    @Order(9)
    void theTailRewrittenWithTheTreeAndAFreshCheckpointSignedByTheOperator() throws Exception {
        for (long position = 50; position < EVENTS; position++) {
            edit(position, event -> event.getDocument("payload").put("text", new BsonString("rewritten")));
        }
        // The operator recomputes the whole tree from the edited log and has a fresh checkpoint signed.
        MongoDatabase database = TestMongo.shared().newClient().getDatabase(DATABASE);
        database.getCollection("merkle_nodes").drop();
        database.getCollection(LedgerCollection.MERKLE_STATE.collectionName()).drop();
        database.getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName()).drop();
        app.getBean(MerkleLog.class).start();
        String fresh = await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/audit/checkpoint"),
                body -> body.startsWith("localhost") && checkpoint(body).size() == EVENTS);
        app.getBean(MerkleLog.class).stop();
        // The fresh checkpoint is properly signed and the rewritten export matches it...
        new NoteVerifier(get("/api/audit/vkey").strip()).verify(fresh);
        assertThat(checkpoint(fresh).rootHash()).isNotEqualTo(checkpoint(Files.readString(saved)).rootHash());
        assertThat(VerifierRun.run("--server", base, "--quiet")).startsWith("0 VERIFIED");
        // ...but not the checkpoint the auditor saved before.
        assertThat(verify()).startsWith("1 FAILED").contains("size 60");
    }

    @Test
    @Order(10)
    void aQuerySideWithAnotherKeyRefusesToSignThisLog() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri=" + TestMongo.shared().connectionString(DATABASE),
                "--ledger.audit.key-file=" + directory.resolve("another.key")).close())
                .hasStackTraceContaining("did not sign this log's checkpoints");
    }

    /** Runs the verifier against the server with the saved checkpoint: its exit code, a space, its output. */
    private static String verify() {
        return VerifierRun.run("--server", base, "--saved", saved.toString(), "--quiet");
    }

    private interface EventEdit {
        void apply(BsonDocument event);
    }

    /** Edits the (only) event of the commit at this position in place. */
    private static void edit(long position, EventEdit change) {
        BsonDocument commit = commits.find(Filters.eq("_id", position)).first();
        change.apply(commit.getArray(EventLogSchema.EVENTS).get(0).asDocument());
        commits.replaceOne(Filters.eq("_id", position), commit);
    }

    /** Moves every commit from {@code from} on by {@code shift} positions (dropping the one it lands on, if any). */
    private static void renumber(long from, long shift) {
        List<BsonDocument> moved = commits.find(Filters.gte("_id", from)).into(new ArrayList<>());
        commits.deleteMany(Filters.gte("_id", from + Math.min(shift, 0)));
        for (BsonDocument commit : moved) {
            long position = commit.getInt64("_id").getValue() + shift;
            commit.put("_id", new BsonInt64(position));
            commit.getArray(EventLogSchema.EVENTS).get(0).asDocument().put(EventLogSchema.POSITION,
                                                                           new BsonInt64(position));
        }
        commits.insertMany(moved);
    }

    private static void copyAllButPosition(BsonDocument from, BsonDocument to) {
        BsonDocument copy = from.clone();
        copy.put(EventLogSchema.POSITION, to.get(EventLogSchema.POSITION));
        to.clear();
        to.putAll(copy);
    }

    private static Checkpoint checkpoint(String note) {
        return Checkpoint.parse(SignedNote.parse(note).text());
    }

    private static String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                                                   HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
