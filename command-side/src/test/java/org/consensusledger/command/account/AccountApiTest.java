package org.consensusledger.command.account;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

@ExtendWith(OutputCaptureExtension.class)
class AccountApiTest extends CommandApiTest {

    private static final Pattern TOKEN = Pattern.compile("clt_[A-Za-z0-9_-]{43}");

    @Test
    void theSecretariatCreatesADelegateAccountWhoseTokenIsShownOnceAndStoredOnlyAsAHash() {
        String organisation = organisation("Open Rights Network", "CIVIL_SOCIETY");

        ApiClient.Response created = api.post("/api/accounts", secretariat, fields(
                "kind", "DELEGATE", "organisationId", organisation, "label", "Jane, delegate"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().path("token").asText();
        String accountId = created.json().path("accountId").asText();
        assertThat(token).matches(TOKEN);
        assertThat(created.header("Location")).isEqualTo("/api/accounts/" + accountId);
        ApiClient.Response me = api.get("/api/accounts/me", token);
        assertThat(me.json().path("organisationId").asText()).isEqualTo(organisation);
        assertThat(me.json().path("token").isNull()).isTrue();
        Document stored = accounts().find(Filters.eq("_id", accountId)).first();
        assertThat(stored.getString("tokenHash")).isEqualTo(Texts.sha256(token));
        assertThat(stored.toJson()).doesNotContain(token);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String organisation = organisation("Acme", "PRIVATE_SECTOR");
        ApiClient.Response created = api.post("/api/accounts", secretariat, fields(
                "kind", "DELEGATE", "organisationId", organisation, "label", "John"));
        String token = created.json().path("token").asText();

        ApiClient.Response revoked = api.delete("/api/accounts/" + created.json().path("accountId").asText(),
                                                secretariat);

        assertThat(revoked.status()).isEqualTo(204);
        ApiClient.Response refused = api.get("/api/accounts/me", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void onlyTheSecretariatManagesAccounts() {
        String organisation = organisation("Acme", "PRIVATE_SECTOR");

        ApiClient.Response refused = api.post("/api/accounts", delegateOf(organisation), fields(
                "kind", "SECRETARIAT", "label", "me too"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).startsWith("Only the secretariat manages accounts");
    }

    @Test
    void aDelegateAccountNeedsARegisteredOrganisation() {
        ApiClient.Response refused = api.post("/api/accounts", secretariat, fields(
                "kind", "DELEGATE", "organisationId", UUID.randomUUID().toString(), "label", "ghost"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
    }

    @Test
    void onFirstStartTheSecretariatTokenIsPrintedOnceAndOnlyItsHashIsKept(CapturedOutput output) throws Exception {
        MongoDatabase empty = context.getBean(com.mongodb.client.MongoClient.class).getDatabase(
                TestMongo.freshDatabaseName());
        AccountStore store = new AccountStore(new LedgerDatabase(empty));
        AccountConfiguration configuration = new AccountConfiguration();

        configuration.firstSecretariatAccount(store).run(null);
        configuration.firstSecretariatAccount(store).run(null);

        Matcher printed = TOKEN.matcher(output.getAll());
        assertThat(printed.find()).as("a token is printed").isTrue();
        String token = printed.group();
        assertThat(printed.find()).as("only once").isFalse();
        assertThat(store.byToken(token)).get().extracting(Account::kind).isEqualTo(AccountKind.SECRETARIAT);
        assertThat(empty.getCollection(LedgerCollection.ACCOUNTS.collectionName()).find().first().toJson()).doesNotContain(token);
    }

    private com.mongodb.client.MongoCollection<Document> accounts() {
        return context.getBean(LedgerDatabase.class).get().getCollection(LedgerCollection.ACCOUNTS.collectionName());
    }
}
