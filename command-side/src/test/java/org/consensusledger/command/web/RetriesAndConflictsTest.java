package org.consensusledger.command.web;

import com.mongodb.client.model.Filters;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.junit.jupiter.api.Test;

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
