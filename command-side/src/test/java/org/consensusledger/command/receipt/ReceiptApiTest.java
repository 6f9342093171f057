package org.consensusledger.command.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.consensusledger.audit.Leaves;
import org.consensusledger.audit.Receipt;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.tlog.NoteVerifier;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/** Every command's answer carries the receipt of what it stored, signed by the key the command side publishes. */
class ReceiptApiTest extends CommandApiTest {

    @Test
    void theAnswerCarriesASignedReceiptOfExactlyTheEventsTheLogHolds() throws Exception {
        long before = storedEvents();

        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               fields("name", "Receipt Foundation", "stakeholderGroup",
                                                      "CIVIL_SOCIETY"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode answer = response.json();
        assertThat(answer.path("id").asText()).isEqualTo(response.id());
        assertThat(answer.path("version").asLong()).isZero();
        String vkey = api.get("/api/receipts/vkey", secretariat).text().strip();
        Receipt receipt = Receipt.verify(answer.path("receipt").asText(), new NoteVerifier(vkey));
        assertThat(receipt.origin()).isEqualTo("localhost:8082");
        assertThat(receipt.mergeBy() - receipt.time()).isEqualTo(300);
        assertThat(receipt.time()).isCloseTo(System.currentTimeMillis() / 1000, Offset.offset(60L));
        LedgerEventStorageEngine log = context.getBean(LedgerEventStorageEngine.class);
        List<JsonNode> stored = log.storedEvents(before).limit(1).toList();
        assertThat(receipt.events()).containsExactly(new Receipt.Event(before, Leaves.leafHash(stored.get(0))));
        assertThat(answer.path("events")).hasSize(1);
        assertThat(answer.path("events").get(0).path("position").asLong()).isEqualTo(before);
        assertThat(answer.path("events").get(0).path("leafHash").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(Leaves.leafHash(stored.get(0))));
        Document kept = context.getBean(LedgerDatabase.class).collection(LedgerCollection.EVENT_RECEIPTS)
                               .find(new Document("_id", before)).first();
        assertThat(kept).isNotNull();
        assertThat(kept.getString("note")).isEqualTo(answer.path("receipt").asText());
        assertThat(((Number) kept.get("last")).longValue()).isEqualTo(before);
    }

    @Test
    void aReceiptNotKeptBeforeACrashIsIssuedFromTheStoredEventsAfterTheRestart() throws Exception {
        long first = storedEvents();
        assertThat(api.post("/api/organisations", secretariat,
                            fields("name", "Crashed Before Its Receipt", "stakeholderGroup", "ACADEMIA")).status())
                .isEqualTo(201);
        assertThat(api.post("/api/organisations", secretariat,
                            fields("name", "Kept Its Receipt", "stakeholderGroup", "ACADEMIA")).status())
                .isEqualTo(201);
        var receipts = context.getBean(LedgerDatabase.class).collection(LedgerCollection.EVENT_RECEIPTS);
        // As a command side killed between the first command's append and keeping its receipt leaves it.
        assertThat(receipts.deleteOne(new Document("_id", first)).getDeletedCount()).isEqualTo(1);
        ReceiptCatchUp catchUp = context.getBean(ReceiptCatchUp.class);

        List<long[]> issued = catchUp.catchUp(first + 2);

        assertThat(issued).hasSize(1);
        assertThat(issued.get(0)).containsExactly(first, first);
        Document kept = receipts.find(new Document("_id", first)).first();
        assertThat(kept).isNotNull();
        String vkey = api.get("/api/receipts/vkey", secretariat).text().strip();
        Receipt receipt = Receipt.verify(kept.getString("note"), new NoteVerifier(vkey));
        JsonNode stored = context.getBean(LedgerEventStorageEngine.class).storedEvents(first).limit(1).toList()
                                 .get(0);
        assertThat(receipt.events()).containsExactly(new Receipt.Event(first, Leaves.leafHash(stored)));
        assertThat(catchUp.catchUp(first + 2)).as("nothing left to issue").isEmpty();
    }

    @Test
    void aReceiptWhoseWriteFailedIsKeptAsSignedOnceTheDatabaseTakesWritesAgain() {
        long first = storedEvents();
        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               fields("name", "Kept Later", "stakeholderGroup", "ACADEMIA"));
        assertThat(response.status()).isEqualTo(201);
        String note = response.json().path("receipt").asText();
        var receipts = context.getBean(LedgerDatabase.class).collection(LedgerCollection.EVENT_RECEIPTS);
        // As a receipt whose write failed (the database restarting under a command side that goes on) leaves it.
        assertThat(receipts.deleteOne(new Document("_id", first)).getDeletedCount()).isEqualTo(1);
        ReceiptIssuer issuer = context.getBean(ReceiptIssuer.class);
        issuer.keepLater(new Document("_id", first).append(ReceiptIssuer.LAST, first)
                                                   .append(ReceiptIssuer.NOTE, note));

        // Kept by the command side's own task, as it was signed (not signed again).
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receipts.find(
                new Document("_id", first)).first()).isNotNull().containsEntry("note", note));
        // One already kept (its first write went through after all) is done, not retried for ever.
        issuer.keepLater(new Document("_id", first).append(ReceiptIssuer.LAST, first)
                                                   .append(ReceiptIssuer.NOTE, note));
        assertThat(issuer.keepUnkept()).isZero();
        assertThat(receipts.countDocuments(new Document("_id", first))).isEqualTo(1);
    }

    @Test
    void aRefusedCommandStoresNothingAndAnswersNoReceipt() {
        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               fields("name", "Acme", "stakeholderGroup", "LOBBY"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().has("receipt")).isFalse();
    }

    @Test
    void theVerifierKeyIsServedAsTextToAnAccountAndWrittenBesideTheOwnerOnlyKeyFile() throws Exception {
        String delegate = delegateOf(organisation("Key Readers", "ACADEMIA"));
        ApiClient.Response response = api.get("/api/receipts/vkey", delegate);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        String vkey = response.text().strip();
        assertThat(new NoteVerifier(vkey).name()).isEqualTo("localhost:8082/receipts");
        Path keyFile = context.getBean(ReceiptProperties.class).keyFile();
        assertThat(Files.readString(Path.of(keyFile + ".pub")).strip()).isEqualTo(vkey);
        assertThat(api.get("/api/receipts/vkey", null).status()).isEqualTo(401);
        JsonNode description = api.get("/v3/api-docs", null).json();
        assertThat(description.path("paths").has("/api/receipts/vkey")).isTrue();
        JsonNode recorded = description.path("components").path("schemas").path("Recorded").path("properties");
        assertThat(recorded.has("receipt")).as(recorded.toString()).isTrue();
        assertThat(recorded.has("events")).as(recorded.toString()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }
}
