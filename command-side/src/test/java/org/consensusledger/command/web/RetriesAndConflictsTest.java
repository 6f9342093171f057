package org.consensusledger.command.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/** Safe retries ({@code Idempotency-Key}) and safe concurrent edits ({@code ETag} / {@code If-Match}), over HTTP. */
class RetriesAndConflictsTest extends CommandApiTest {

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstResponseAndStoresNothingNew() {
        String key = UUID.randomUUID().toString();
        long before = storedEvents();

        ApiClient.Response first = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        ApiClient.Response retry = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotency-Replayed")).isNull();
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(eventStore.readEvents(first.id()).next().getMetaData()).containsEntry("idempotencyKey", key);
        assertThat(context.getBean(LedgerDatabase.class).get().getCollection("idempotency_keys")
                          .countDocuments(Filters.regex("_id", " " + key + "$"))).isEqualTo(1);
    }

    /**
     * A crash between storing a command and keeping its answer leaves the key pending, claimed by a process that is
     * gone. The retry with the key finds the command's events in the log and gets the answer the first request would
     * have had — same status, id, Location, ETag — without storing anything again.
     */
    @Test
    void aRetryOfARequestInterruptedAfterItsCommandWasStoredGetsTheOriginalAnswer() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = storedEvents();
        interruptedAsByACrash(key);

        ApiClient.Response retry = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(storedEvents()).isEqualTo(before);
        ApiClient.Response again = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The same for a command whose answer is more than a version: a revision answers with its text version. */
    @Test
    void aRetriedRevisionAnswersWithTheVersionItMade() {
        String member = organisation("Open Rights", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY",
                                                                  "mandate", "Decide")).id();
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member));
        String delegate = delegateOf(member);
        String proposal = api.post("/api/proposals", delegate, fields("bodyId", body, "proposedBy", member,
                                                                      "title", "Principle", "text", "Be fair.")).id();
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = api.post("/api/proposals/" + proposal + "/revisions", delegate,
                                            fields("text", "Be fair and open.", "summary", "Open"),
                                            "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = storedEvents();
        interruptedAsByACrash(key);

        ApiClient.Response retry = api.post("/api/proposals/" + proposal + "/revisions", delegate,
                                            fields("text", "Be fair and open.", "summary", "Open"),
                                            "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).endsWith("/revisions/2");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(storedEvents()).isEqualTo(before);
    }

    /**
     * A crash before the command was stored leaves the key pending too; the retry finds nothing in the log for it,
     * so its command runs — once.
     */
    @Test
    void aRetryOfARequestInterruptedBeforeItsCommandWasStoredRunsIt() {
        String key = UUID.randomUUID().toString();
        String fingerprint = acmeFingerprint();
        long before = storedEvents();
        String accountId = api.get("/api/accounts/me", secretariat).json().path("id").asText();
        keys().insertOne(new Document("_id", accountId + " " + key).append("fingerprint", fingerprint)
                                                                   .append("state", "PENDING")
                                                                   .append("claimedAt", lastClaimedAt())
                                                                   .append("instance", "a-process-that-died")
                                                                   .append("logHead", before));

        ApiClient.Response retry = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotency-Replayed")).isNull();
        assertThat(storedEvents()).isEqualTo(before + 1);
        ApiClient.Response again = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(again.id()).isEqualTo(retry.id());
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    /**
     * A crash after the command was stored but before its receipt was kept: the retry that takes the request over
     * answers with a receipt of the stored events, issued and kept then, not without one.
     */
    @Test
    void aRetryOfARequestInterruptedBeforeItsReceiptWasKeptAnswersWithANewlyKeptReceipt() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        org.consensusledger.audit.Receipt issued = org.consensusledger.audit.Receipt.parseText(
                org.consensusledger.tlog.SignedNote.parse(first.json().path("receipt").asText()).text());
        MongoCollection<Document> receipts = context.getBean(LedgerDatabase.class).get()
                                                    .getCollection("event_receipts");
        assertThat(receipts.deleteOne(Filters.eq("_id", issued.firstPosition())).getDeletedCount()).isEqualTo(1);
        interruptedAsByACrash(key);

        ApiClient.Response retry = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.json().path("receipt").isTextual()).as(retry.toString()).isTrue();
        org.consensusledger.audit.Receipt reissued = org.consensusledger.audit.Receipt.parseText(
                org.consensusledger.tlog.SignedNote.parse(retry.json().path("receipt").asText()).text());
        assertThat(reissued.events()).isEqualTo(issued.events());
        Document kept = receipts.find(Filters.eq("_id", issued.firstPosition())).first();
        assertThat(kept).isNotNull();
        assertThat(kept.getString("note")).isEqualTo(retry.json().path("receipt").asText());
    }

    /** What a crash between storing the command and keeping its answer leaves of the key: a pending claim. */
    private void interruptedAsByACrash(String key) {
        Document claim = keys().find(Filters.regex("_id", " " + java.util.regex.Pattern.quote(key) + "$")).first();
        assertThat(claim).isNotNull();
        keys().replaceOne(Filters.eq("_id", claim.get("_id")),
                          new Document("_id", claim.get("_id")).append("fingerprint", claim.get("fingerprint"))
                                                               .append("state", "PENDING")
                                                               .append("claimedAt", lastClaimedAt())
                                                               .append("instance", "a-process-that-died")
                                                               .append("logHead", claim.get("logHead"))
                                                               .append("idSeed", claim.get("idSeed")));
    }

    /**
     * Keys expire after {@code ledger.api.idempotency-key-ttl} (24 hours here, as by default): a key answered 23 hours
     * ago is still replayed; one answered 25 hours ago is a new request's, which names new things.
     */
    @Test
    void aKeyIsReplayedWithinItsTimeToLiveAndIsANewRequestsAfter() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = storedEvents();

        answeredAgo(key, Duration.ofHours(23));
        ApiClient.Response retry = api.post("/api/organisations", secretariat,
                                            fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                            "Idempotency-Key", key);
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(storedEvents()).isEqualTo(before);

        answeredAgo(key, Duration.ofHours(25));
        ApiClient.Response anew = api.post("/api/organisations", secretariat,
                                           fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                           "Idempotency-Key", key);
        assertThat(anew.status()).as(anew.toString()).isEqualTo(201);
        assertThat(anew.header("Idempotency-Replayed")).isNull();
        assertThat(anew.id()).isNotEqualTo(first.id());
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    private void answeredAgo(String key, Duration ago) {
        assertThat(keys().updateOne(Filters.regex("_id", " " + java.util.regex.Pattern.quote(key) + "$"),
                                    Updates.set("completedAt", Date.from(Instant.now().minus(ago))))
                         .getMatchedCount()).isEqualTo(1);
    }

    /**
     * When an interrupted request claimed its key: minutes ago, longer than any request runs (so its claim is
     * orphaned), and well within the keys' time to live.
     */
    private static Date lastClaimedAt() {
        return Date.from(Instant.now().minus(Duration.ofMinutes(3)));
    }

    /** The fingerprint the API takes of an organisation's registration "Acme" (learnt from a throw-away request). */
    private String acmeFingerprint() {
        String probe = UUID.randomUUID().toString();
        api.post("/api/organisations", secretariat, fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                 "Idempotency-Key", probe);
        return keys().find(Filters.regex("_id", " " + probe + "$")).first().getString("fingerprint");
    }

    private MongoCollection<Document> keys() {
        return context.getBean(LedgerDatabase.class).get().getCollection("idempotency_keys");
    }

    /**
     * An account's creation and a token's renewal answer with a token the ledger does not keep: whatever spelling of
     * the path reaches them (percent-encoded, with a path parameter), their answer is never kept with its key, and a
     * retry with the key gets a fresh answer, not the first one again.
     */
    @Test
    void answersWithATokenAreNeverKeptWithTheirKeyHoweverThePathIsSpelt() {
        String organisation = organisation("Spelling Rights", "CIVIL_SOCIETY");
        String creation = ApiClient.toJson(fields("kind", "DELEGATE", "organisationId", organisation,
                                                  "label", "Spelt " + UUID.randomUUID()));
        String accountId = null;
        for (String path : new String[] {"/api/%61ccounts", "/api/accounts;x"}) {
            String key = UUID.randomUUID().toString();
            ApiClient.Response first = api.send("POST", path, secretariat, creation, "Idempotency-Key", key);
            ApiClient.Response retry = api.send("POST", path, secretariat, creation, "Idempotency-Key", key);

            assertThat(first.status()).as(path + " " + first).isEqualTo(201);
            assertThat(retry.status()).as(path + " " + retry).isEqualTo(201);
            assertThat(retry.header("Idempotency-Replayed")).as(path).isNull();
            assertThat(retry.json().path("token").asText()).as(path)
                                                          .isNotEqualTo(first.json().path("token").asText());
            accountId = first.json().path("accountId").asText();
        }
        for (String path : new String[] {"/api/%61ccounts/" + accountId + "/token",
                                         "/api/accounts;x/" + accountId + ";y/token;z"}) {
            String key = UUID.randomUUID().toString();
            ApiClient.Response first = api.send("POST", path, secretariat, null, "Idempotency-Key", key);
            ApiClient.Response retry = api.send("POST", path, secretariat, null, "Idempotency-Key", key);

            assertThat(first.status()).as(path + " " + first).isEqualTo(200);
            assertThat(retry.status()).as(path + " " + retry).isEqualTo(200);
            assertThat(retry.header("Idempotency-Replayed")).as(path).isNull();
            assertThat(retry.json().path("token").asText()).as(path)
                                                          .isNotEqualTo(first.json().path("token").asText());
        }
        for (Document kept : keys().find()) {
            assertThat(kept.toJson()).doesNotContain("clt_");
        }

        ApiClient.Response revoking = api.send("DELETE", "/api/%61ccounts/" + accountId, secretariat, null,
                                               "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(revoking.status()).as(revoking.toString()).isEqualTo(400);
        assertThat(revoking.json().path("detail").asText()).contains("Revoking an account needs no Idempotency-Key");
        ApiClient.Response unbinding = api.send("DELETE", "/api/accounts/" + accountId + "/sign-in-identity",
                                                secretariat, null, "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(unbinding.status()).as(unbinding.toString()).isEqualTo(400);
        assertThat(unbinding.json().path("detail").asText()).startsWith("The account endpoints take no");
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/organisations", secretariat, fields("name", "Acme", "stakeholderGroup",
                                                                      "PRIVATE_SECTOR"), "Idempotency-Key", key)
                      .status()).isEqualTo(201);
        long before = storedEvents();

        ApiClient.Response reused = api.post("/api/organisations", secretariat,
                                             fields("name", "Other", "stakeholderGroup", "ACADEMIA"),
                                             "Idempotency-Key", key);

        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.json().path("type").asText()).isEqualTo("urn:consensus-ledger:problem:idempotency-key-reused");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void keysBelongToTheAccountThatUsedThem() {
        String key = UUID.randomUUID().toString();
        long before = storedEvents();
        String otherSecretariat = org.consensusledger.command.account.TestAccounts.secretariat(context);

        ApiClient.Response mine = api.post("/api/organisations", secretariat,
                                           fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                           "Idempotency-Key", key);
        ApiClient.Response theirs = api.post("/api/organisations", otherSecretariat,
                                             fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"),
                                             "Idempotency-Key", key);

        assertThat(theirs.id()).isNotEqualTo(mine.id());
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void ifMatchWithAVersionThatMovedOnFailsWith412AndStoresNothing() {
        String member = organisation("Open Rights Network", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY",
                                                                  "mandate", "Decide")).id();
        String delegate = delegateOf(member);
        assertThat(api.post("/api/bodies/" + body + "/members", delegate, fields("organisationId", member))
                      .status()).isEqualTo(201);
        ApiClient.Response submitted = api.post("/api/proposals", delegate, fields(
                "bodyId", body, "proposedBy", member, "title", "Principle", "text", "Be fair."));
        String p = "/api/proposals/" + submitted.id();
        assertThat(submitted.header("ETag")).isEqualTo("\"0\"");

        ApiClient.Response first = api.post(p + "/revisions", delegate, fields("text", "Be fair and open.",
                                                                               "summary", "open"),
                                            "If-Match", "\"0\"");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        long before = storedEvents();

        ApiClient.Response stale = api.post(p + "/revisions", delegate, fields("text", "Be fair and kind.",
                                                                               "summary", "kind"),
                                            "If-Match", "\"0\"");

        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.header("ETag")).isEqualTo("\"1\"");
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(1);
        assertThat(storedEvents()).isEqualTo(before);

        ApiClient.Response fresh = api.post(p + "/revisions", delegate, fields("text", "Be fair and kind.",
                                                                               "summary", "kind"),
                                            "If-Match", "\"1\"");
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(201);
        assertThat(fresh.header("ETag")).isEqualTo("\"2\"");
    }
}
