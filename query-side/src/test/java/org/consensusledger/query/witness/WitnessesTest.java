package org.consensusledger.query.witness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CompactRange;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;
import org.consensusledger.verifier.VerifierCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * Three ledgers witnessing one another, as three query sides in this JVM on the shared embedded server, each with a
 * database of its own: ledger A is witnessed by B and C, B by A, and C only witnesses. Their cosignatures appear on
 * the served checkpoints and a verifier requiring 2 of A's witnesses accepts. Then A's operator rewrites its log and
 * has the tree and a fresh checkpoint of the same size signed (a split view: readers who saw the old checkpoint and
 * those who see the new one see two histories): B refuses it (422), records and shows it, and a verifier requiring B
 * fails. The hostile-input tests of the witness endpoint use a log whose key the test holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessesTest {

    private static final int EVENTS_A = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;

    static Ledger a;
    static Ledger b;
    static Ledger c;
    /** A log whose key the test holds, witnessed by B, for requests the ledgers would never send. */
    static final KeyText.SignerKey TEST_LOG = KeyText.generate("test.example/log");

    /** One ledger: its origin, database, keys, port and application. */
    static final class Ledger {
        final String origin;
        final String database = TestMongo.freshDatabaseName();
        final KeyText.SignerKey logKey;
        final KeyText.SignerKey witnessKey;
        final int port;
        ConfigurableApplicationContext app;

        Ledger(String name) throws IOException {
            origin = name + ".example/log";
            logKey = KeyText.generate(origin);
            witnessKey = KeyText.generate(name + ".example/witness");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        String cosignerKey() {
            return new Cosignature.Signer(witnessKey).key().format();
        }

        MongoDatabase database() {
            return TestMongo.shared().newClient().getDatabase(database);
        }

        void start(List<String> witnessedLogs, List<Ledger> witnesses) throws IOException {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=" + port, "--spring.mongodb.uri=" + TestMongo.shared().connectionString(database),
                    "--ledger.audit.origin=" + origin, "--ledger.audit.checkpoint-interval=100ms",
                    "--ledger.audit.key-file=" + ownerOnly(origin.replace('/', '_') + ".key", logKey.format()),
                    "--ledger.witness.key-file=" + ownerOnly(witnessKey.name().replace('/', '_') + ".key",
                                                             witnessKey.format()),
                    "--ledger.witness.name=" + witnessKey.name(), "--ledger.audit.witness-timeout=5s",
                    // The ledgers start one after the other: a witness not up yet is tried again within a second.
                    "--ledger.audit.witness-back-off=1s"));
            for (int i = 0; i < witnessedLogs.size(); i++) {
                args.add("--ledger.witness.logs[" + i + "].vkey=" + witnessedLogs.get(i));
            }
            for (int i = 0; i < witnesses.size(); i++) {
                args.add("--ledger.audit.witnesses[" + i + "].url=" + witnesses.get(i).base() + "/api/witness");
                args.add("--ledger.audit.witnesses[" + i + "].vkey=" + witnesses.get(i).cosignerKey());
            }
            app = new SpringApplicationBuilder(QuerySideApplication.class).run(args.toArray(String[]::new));
            assertThat(((WebServerApplicationContext) app).getWebServer().getPort()).isEqualTo(port);
        }

        String vkey() {
            return logKey.verifierKey().format();
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base() + path)).build());
        }

        JsonNode health() throws IOException {
            String port = app.getEnvironment().getProperty("local.management.port");
            return JSON.readTree(send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/witnesses")).build()).body());
        }

        HttpResponse<String> addCheckpoint(String body) {
            return send(HttpRequest.newBuilder(URI.create(base() + "/api/witness/add-checkpoint"))
                                   .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
    }

    @BeforeAll
    static void threeLedgersWitnessingOneAnother() throws Exception {
        a = new Ledger("a");
        b = new Ledger("b");
        c = new Ledger("c");
        LedgerEventStorageEngine logA = EventLogFixtures.engine(a.database());
        for (int i = 0; i < EVENTS_A; i++) {
            logA.appendEvents(event("notebook-" + i % 4, i / 4));
        }
        LedgerEventStorageEngine logB = EventLogFixtures.engine(b.database());
        for (int i = 0; i < 3; i++) {
            logB.appendEvents(event("notebook", i));
        }
        b.start(List.of(a.vkey(), TEST_LOG.verifierKey().format()), List.of(a));
        c.start(List.of(a.vkey()), List.of());
        a.start(List.of(b.vkey()), List.of(b, c));
    }

    @AfterAll
    static void stop() {
        for (Ledger ledger : new Ledger[] {a, b, c}) {
            if (ledger != null && ledger.app != null) {
                ledger.app.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachLedgerServesItsCheckpointWithItsWitnessesCosignaturesAndAVerifierRequiringTwoOfThemAccepts()
            throws Exception {
        String served = awaitCosigned(a, EVENTS_A, b, c);
        awaitCosigned(b, 3, a);
        // The log's signature first, then its witnesses' in the order they answered (each is sent to on its own).
        assertThat(SignedNote.parse(served).signatures()).extracting(SignedNote.Signature::keyName)
                                                         .startsWith(a.origin)
                                                         .containsExactlyInAnyOrder(a.origin, b.witnessKey.name(),
                                                                                    c.witnessKey.name());
        assertThat(a.get("/api/witness/vkey").statusCode()).isEqualTo(200);
        assertThat(b.get("/api/witness/vkey").body()).isEqualTo(b.cosignerKey() + "\n");
        // For monitors, each witness serves what it cosigned of each log, with its cosignature.
        HttpResponse<String> seenByC = c.get("/api/witness/" + Witness.originHash(a.origin) + "/checkpoint");
        assertThat(seenByC.statusCode()).isEqualTo(200);
        assertThat(text(seenByC.body())).isEqualTo(text(served));
        assertThat(SignedNote.parse(seenByC.body()).signatures()).extracting(SignedNote.Signature::keyName)
                                                                 .containsExactly(a.origin, c.witnessKey.name());
        assertRefused(c.get("/api/witness/" + Witness.originHash(b.origin) + "/checkpoint"), 404,
                      "witness-unknown-log");

        String verdict = verify(a, "--witness", b.cosignerKey(), "--witness", c.cosignerKey(),
                                "--witness", a.cosignerKey(), "--witnesses-required", "2");
        assertThat(verdict).startsWith("0 VERIFIED " + EVENTS_A + " events")
                           .contains("; cosigned by 2 trusted witnesses (b.example/witness at ")
                           .contains("c.example/witness at ");

        // A's "Verify this record" page names its witnesses with their keys, shows that each cosigned the latest
        // checkpoint, and gives the command that requires them: run as shown, it verifies.
        String pageA = a.get("/verify").body();
        String witnessList = between(pageA, "<ul id=\"witness-list\">", "</ul>");
        assertThat(witnessList).containsSubsequence(b.witnessKey.name(), b.cosignerKey(), "Cosigned the latest checkpoint",
                                                    c.witnessKey.name(), c.cosignerKey(),
                                                    "Cosigned the latest checkpoint");
        assertThat(pageA).contains("This ledger sends every new checkpoint to 2 witnesses:")
                         .doesNotContain(b.base(), c.base());
        List<String> command = commandShown(pageA, "witnesses-command");
        assertThat(command).containsSubsequence("--witness", b.cosignerKey(), "--witness", c.cosignerKey(),
                                                "--witnesses-required", "2");
        assertThat(verify(a, command.toArray(String[]::new))).startsWith("0 VERIFIED " + EVENTS_A + " events")
                                                             .contains("; cosigned by 2 trusted witnesses");
        // B's page shows, besides its own witness (A), that it witnesses A's log, and its key as a witness.
        String pageB = b.get("/verify").body();
        assertThat(between(pageB, "<ul id=\"witness-list\">", "</ul>")).contains(a.witnessKey.name());
        assertThat(between(between(pageB, "<ul id=\"witnessed-list\">", "</ul>"), a.origin + "</code>:", "</li>"))
                .contains("cosigned up to " + EVENTS_A + " events").doesNotContain("refused");
        assertThat(pageB).contains("id=\"witness-key\" class=\"hash\">" + b.cosignerKey() + "<");
        // C witnesses only: no witness of its own, said so.
        assertThat(c.get("/verify").body()).contains("id=\"no-witness\"", "id=\"witnessed-list\"");
        // In every language of the site.
        assertThat(a.get("/verify?lang=es").body()).contains("Cofirmó el último punto de control",
                                                             "Este registro envía cada nuevo punto de control a 2 testigos");
        assertThat(b.get("/verify?lang=fr").body()).contains("Ce registre est à son tour témoin d’autres journaux",
                                                             "cosigné jusqu’à " + EVENTS_A + " événements");
    }

    @Test
    @Order(2)
    void theWitnessEndpointAnswersHostileRequestsWithTheSpecsStatuses() throws Exception {
        Cosignature.Verifier witness = new Cosignature.Verifier(b.cosignerKey());
        assertRefused(b.get("/api/witness/" + Witness.originHash(TEST_LOG.name()) + "/checkpoint"), 404,
                      "witness-nothing-cosigned");
        String first = checkpoint(TEST_LOG, 0, emptyRoot());
        HttpResponse<String> cosigned = b.addCheckpoint("old 0\n\n" + first);
        assertThat(cosigned.statusCode()).as(cosigned.body()).isEqualTo(200);
        SignedNote.Signature line = SignedNote.parse(first + cosigned.body()).signatures().get(1);
        assertThat(witness.verify(SignedNote.parse(first).text(), line)).isTrue();

        assertRefused(b.addCheckpoint("old 0\nnot a hash\n\n" + first), 400, "witness-malformed");
        assertRefused(b.addCheckpoint("old 0\n\n" + first.replace("\n\n", "\n")), 400, "witness-malformed");
        assertRefused(b.addCheckpoint("old 0\u0007\n\n" + first), 400, "witness-malformed");
        assertRefused(b.addCheckpoint("x".repeat(WitnessController.MAX_BODY + 1)), 400, "witness-too-large");
        assertRefused(b.addCheckpoint("old 5\n\n" + checkpoint(TEST_LOG, 1, root(1))), 400, "witness-malformed");
        assertRefused(b.addCheckpoint("old 0\n\n" + checkpoint(KeyText.generate("unknown.example/log"), 0,
                                                               emptyRoot())), 404, "witness-unknown-log");
        // Signed by another key of the same name: the log's own signature is missing.
        assertRefused(b.addCheckpoint("old 0\n\n" + checkpoint(KeyText.generate(TEST_LOG.name()), 0, emptyRoot())),
                      403, "witness-not-signed-by-the-log");
        assertRefused(b.addCheckpoint("old 0\n\n" + checkpoint(TEST_LOG, 0, root(1))), 422,
                      "witness-inconsistent-checkpoint");

        HttpResponse<String> conflict = b.addCheckpoint("old 7\n\n" + checkpoint(TEST_LOG, 8, root(8)));
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/x.tlog.size"));
        assertThat(conflict.body()).isEqualTo("0\n");

        // Two submissions from the same old size at once: exactly one is cosigned, the other learns the new size.
        List<CompletableFuture<HttpResponse<String>>> sent = List.of(
                CompletableFuture.supplyAsync(() -> b.addCheckpoint("old 0\n\n" + checkpoint(TEST_LOG, 1, root(1)))),
                CompletableFuture.supplyAsync(() -> b.addCheckpoint("old 0\n\n" + checkpoint(TEST_LOG, 2, root(2)))));
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(answers.stream().filter(answer -> answer.statusCode() == 409).findFirst().orElseThrow().body())
                .isIn("1\n", "2\n");
    }

    @Test
    @Order(3)
    void aSplitViewIsRefusedRecordedAndFailsAVerifierThatRequiresTheWitness() throws Exception {
        String before = awaitCosigned(a, EVENTS_A, b, c);
        // A's operator rewrites an event and has the tree and a fresh checkpoint of the same size signed.
        MerkleLog tree = a.app.getBean(MerkleLog.class);
        tree.stop();
        MongoDatabase database = a.database();
        MongoCollection<BsonDocument> commits = database.getCollection(EventLogSchema.COMMITS, BsonDocument.class);
        BsonDocument commit = commits.find(Filters.eq("_id", 10L)).first();
        commit.getArray(EventLogSchema.EVENTS).get(0).asDocument().getDocument("payload")
              .put("text", new BsonString("a decision nobody took"));
        commits.replaceOne(Filters.eq("_id", 10L), commit);
        database.getCollection(LedgerCollection.MERKLE_NODES.collectionName()).drop();
        database.getCollection(LedgerCollection.MERKLE_STATE.collectionName()).drop();
        database.getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName()).drop();
        tree.start();

        String after = await().atMost(Duration.ofSeconds(30)).until(() -> a.get("/api/audit/checkpoint").body(),
                body -> body.startsWith(a.origin) && !text(body).equals(text(before))
                        && checkpointOf(body).size() == EVENTS_A);

        JsonNode witnessed = await().atMost(Duration.ofSeconds(30)).until(() -> b.health().path("details"),
                details -> details.path("splitViewsSeen").asLong() >= 1);
        JsonNode log = witnessed.path("witnessedLogs").findParents("origin").stream()
                                .filter(node -> node.path("origin").asText().equals(a.origin)).findFirst()
                                .orElseThrow();
        assertThat(log.path("lastInconsistency").path("reason").asText())
                .startsWith("split view: this witness cosigned a checkpoint of size " + EVENTS_A);
        Document recorded = b.database().getCollection(LedgerCollection.WITNESSED_LOGS.collectionName())
                             .find(Filters.eq("_id", a.origin)).first();
        assertThat(recorded.get("lastInconsistency", Document.class).getString("presented")).isEqualTo(after);
        assertThat(recorded.getString("checkpoint")).as("what B cosigned stays").isEqualTo(text(before) + "\n"
                + SignedNote.parse(before).signatures().get(0).line());
        // A tries again after a back-off, and is refused again; the same checkpoint is not counted twice.
        await().atMost(Duration.ofSeconds(30)).until(() -> a.health().path("details").path("cosigners"),
                cosigners -> cosigners.toString().contains("it answered 422")
                        && cosigners.findValues("failures").stream().anyMatch(failures -> failures.asInt() >= 2));
        assertThat(b.database().getCollection(LedgerCollection.WITNESSED_LOGS.collectionName())
                    .find(Filters.eq("_id", a.origin)).first().get("inconsistencies", Number.class).longValue())
                .isEqualTo(1);

        assertThat(a.get("/api/audit/checkpoint").body()).as("no cosignature on the rewritten log").isEqualTo(after);
        // Both pages say so in words: A's, that B refused its latest checkpoint; B's, that A showed it another history.
        assertThat(between(a.get("/verify").body(), "<ul id=\"witness-list\">", "</ul>"))
                .contains("Refused the checkpoint it was last sent", "(its answer: HTTP 422)")
                .doesNotContain("split view", "this witness"); // its own words stay on the health and in the log
        assertThat(between(between(b.get("/verify").body(), "<ul id=\"witnessed-list\">", "</ul>"),
                           a.origin + "</code>:", "</li>"))
                .contains("cosigned up to " + EVENTS_A + " events",
                          "refused one checkpoint that did not extend what it had cosigned");
        assertThat(verify(a, "--witness", b.cosignerKey(), "--witnesses-required", "1"))
                .startsWith("1 FAILED: the latest checkpoint (size " + EVENTS_A + ") is cosigned by 0 of the 1 "
                                    + "witnesses required (of 1 trusted): no valid cosignature by b.example/witness");
    }

    @Test
    @Order(4)
    void aBadProofIsRefusedButNotRecordedAsASplitViewAndASplitViewSentAgainWithAnotherLineCountsOnce() {
        long size = Long.parseLong(b.addCheckpoint("old 0\n\n" + checkpoint(TEST_LOG, 9, root(9))).body().strip());
        assertThat(size).isPositive();
        // Anyone can send the log's genuine newer checkpoint with a random proof: refused, but no evidence of a fork.
        String randomProof = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = b.addCheckpoint("old " + size + "\n" + randomProof + "\n\n"
                    + checkpoint(TEST_LOG, 9, root(9)));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("does not verify");
        }
        assertThat(testLogState().get("inconsistencies")).as("a bad proof is not a split view").isNull();

        // The log's own signature on another root at the size cosigned: a split view, recorded once even when sent
        // again with a signature line of another key appended.
        String split = checkpoint(TEST_LOG, size, root((int) size + 1));
        assertThat(b.addCheckpoint("old " + size + "\n\n" + split).statusCode()).isEqualTo(422);
        String forged = new SignedNote.Signature("someone.example/witness", 1234, new byte[72]).line();
        assertThat(b.addCheckpoint("old " + size + "\n\n" + split + forged).statusCode()).isEqualTo(422);
        Document state = testLogState();
        assertThat(state.get("inconsistencies", Number.class).longValue()).isEqualTo(1);
        assertThat(state.get("lastInconsistency", Document.class).getString("presented")).isEqualTo(split);

        // Cosigned again with a line the witness cannot verify appended: what it keeps and serves has no such line.
        String same = checkpoint(TEST_LOG, size, root((int) size));
        HttpResponse<String> cosigned = b.addCheckpoint("old " + size + "\n\n" + same + forged);
        assertThat(cosigned.statusCode()).as(cosigned.body()).isEqualTo(200);
        assertThat(b.get("/api/witness/" + Witness.originHash(TEST_LOG.name()) + "/checkpoint").body())
                .isEqualTo(same + cosigned.body());
    }

    private static Document testLogState() {
        return b.database().getCollection(LedgerCollection.WITNESSED_LOGS.collectionName())
                .find(Filters.eq("_id", TEST_LOG.name())).first();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The ledger's served checkpoint once it has {@code size} leaves and the cosignatures of these witnesses. */
    private static String awaitCosigned(Ledger log, long size, Ledger... witnesses) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> log.get("/api/audit/checkpoint").body(), body -> {
            if (!body.startsWith(log.origin) || checkpointOf(body).size() != size) {
                return false;
            }
            SignedNote note = SignedNote.parse(body);
            for (Ledger witness : witnesses) {
                try {
                    if (new Cosignature.Verifier(witness.cosignerKey()).verify(note).isEmpty()) {
                        return false;
                    }
                } catch (VerificationException e) {
                    throw new AssertionError("a cosignature of " + witness.witnessKey.name() + " does not verify", e);
                }
            }
            return true;
        });
    }

    private static void assertRefused(HttpResponse<String> response, int status, String problem) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asText()).isEqualTo("urn:consensus-ledger:problem:" + problem);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
    }

    /** The test log's checkpoint of {@code size} leaves with this root, signed by {@code key}. */
    private static String checkpoint(KeyText.SignerKey key, long size, byte[] root) {
        return new NoteSigner(key).sign(new Checkpoint(key.name(), size, root).format());
    }

    private static byte[] emptyRoot() {
        return MerkleHash.emptyRoot();
    }

    /** The root of the test log's first {@code size} leaves (leaf i is the hash of the byte i). */
    private static byte[] root(int size) {
        CompactRange range = new CompactRange();
        for (int i = 0; i < size; i++) {
            range.append(MerkleHash.leafHash(new byte[] {(byte) i}));
        }
        return range.root();
    }

    private static String text(String note) {
        return SignedNote.parse(note).text();
    }

    private static Checkpoint checkpointOf(String note) {
        return Checkpoint.parse(text(note));
    }

    private static String verify(Ledger ledger, String... options) {
        // --no-state: nothing remembered in the home of whoever runs the tests (a log of the same origin with another
        // key, from an earlier run, would be refused as a rotation nobody announced).
        List<String> args = new ArrayList<>(List.of("--server", ledger.base(), "--no-dossiers", "--quiet",
                                                    "--no-state"));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return code + " " + out.toString().strip() + err.toString().strip();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the page", start).isNotNegative();
        return text.substring(from, text.indexOf(end, from));
    }

    /**
     * The options of a command a page shows (after {@code java -jar <jar> --server <base>}), as a POSIX shell reads
     * them: the command is run by {@code sh} with {@code printf} in the place of {@code java}.
     */
    static List<String> commandShown(String page, String id) throws IOException, InterruptedException {
        String command = between(page, "id=\"" + id + "\">", "</code>").substring(id.length() + 6)
                .replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
        List<String> words = org.consensusledger.query.site.ShellWords.of(command);
        assertThat(words.subList(0, 4)).containsExactly("java", "-jar", "consensus-ledger-verifier.jar", "--server");
        return words.subList(5, words.size());
    }

    private static Path ownerOnly(String name, String key) throws IOException {
        Path file = keys.resolve(name);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
