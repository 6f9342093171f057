package org.consensusledger.command.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void aRetriedCreationWithItsIdempotencyKeyGivesTheSameAccountANewTokenNeverASecondAccount() {
        String organisation = organisation("Retry Rights", "CIVIL_SOCIETY");
        String request = ApiClient.toJson(fields("kind", "DELEGATE", "organisationId", organisation,
                                               "label", "Sam, delegate"));
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = api.send("POST", "/api/accounts", secretariat, request, "Idempotency-Key", key);
        // Its answer was lost on the way: the same request is sent again with its key.
        ApiClient.Response retried = api.send("POST", "/api/accounts", secretariat, request, "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        String accountId = first.json().path("accountId").asText();
        assertThat(retried.json().path("accountId").asText()).isEqualTo(accountId);
        assertThat(accounts().countDocuments(Filters.eq("label", "Sam, delegate"))).as("no second account")
                                                                                  .isEqualTo(1);
        String token = retried.json().path("token").asText();
        assertThat(token).matches(TOKEN).isNotEqualTo(first.json().path("token").asText());
        assertThat(api.get("/api/accounts/me", token).json().path("accountId").asText()).isEqualTo(accountId);
        assertThat(api.get("/api/accounts/me", first.json().path("token").asText()).status())
                .as("the token nobody saw stops working").isEqualTo(401);

        ApiClient.Response other = api.send("POST", "/api/accounts", secretariat,
                                            ApiClient.toJson(fields("kind", "DELEGATE", "organisationId", organisation,
                                                                  "label", "Someone else")),
                                            "Idempotency-Key", key);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().path("type").asText()).endsWith("idempotency-key-reused");
        assertThat(accounts().countDocuments(Filters.eq("label", "Someone else"))).isZero();

        api.send("DELETE", "/api/accounts/" + accountId, secretariat, null);
        ApiClient.Response afterRevoking = api.send("POST", "/api/accounts", secretariat, request,
                                                    "Idempotency-Key", key);
        assertThat(afterRevoking.status()).isEqualTo(422);
        assertThat(afterRevoking.json().path("detail").asText()).contains("revoked since");

        ApiClient.Response revokeWithKey = api.send("DELETE", "/api/accounts/" + accountId, secretariat, null,
                                                    "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(revokeWithKey.status()).isEqualTo(400);
        assertThat(revokeWithKey.json().path("detail").asText()).contains("revoking it again changes nothing");
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
    void onFirstStartTheSecretariatTokenIsWrittenToAnOwnerOnlyFileNeverToTheLog(CapturedOutput output,
                                                                                 @TempDir Path directory)
            throws Exception {
        MongoDatabase empty = context.getBean(com.mongodb.client.MongoClient.class).getDatabase(
                TestMongo.freshDatabaseName());
        Path file = directory.resolve("data").resolve("first-secretariat-token");
        AccountProperties properties = new AccountProperties(Duration.ofDays(90), Duration.ofHours(24), file);
        AccountStore store = new AccountStore(new LedgerDatabase(empty), properties);
        AccountConfiguration configuration = new AccountConfiguration();
        // What the test's own application printed when it started (when this test runs first) is not this test's.
        int before = output.getAll().length();

        configuration.firstSecretariatAccount(store, properties).run(null);
        String token = Files.readString(file).strip();
        configuration.firstSecretariatAccount(store, properties).run(null);

        assertThat(token).matches(TOKEN);
        assertThat(Files.readString(file).strip()).as("no second account while this one can sign in").isEqualTo(token);
        assertThat(Files.getPosixFilePermissions(file)).as("the owner's alone").containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(file.getParent())).as("a directory it made, the owner's alone")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                           PosixFilePermission.OWNER_EXECUTE);
        String printed = output.getAll().substring(before);
        assertThat(printed).as("the log says where").contains(file.toAbsolutePath().toString())
                           .doesNotContain(token);
        assertThat(TOKEN.matcher(printed).find()).as("no token at all in the log").isFalse();
        assertThat(store.byToken(token)).get().extracting(Account::kind).isEqualTo(AccountKind.SECRETARIAT);
        MongoCollection<Document> stored = empty.getCollection(LedgerCollection.ACCOUNTS.collectionName());
        assertThat(stored.find().first().toJson()).doesNotContain(token);

        // Every secretariat token expires: the next start makes a new account, so that the operator gets back in.
        stored.updateMany(Filters.empty(), Updates.set("tokenExpiresAt", Date.from(Instant.now().minusSeconds(1))));
        configuration.firstSecretariatAccount(store, properties).run(null);
        String renewed = Files.readString(file).strip();
        assertThat(renewed).matches(TOKEN).isNotEqualTo(token);
        assertThat(store.byToken(renewed)).isPresent();
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                                                                                 PosixFilePermission.OWNER_WRITE);
        assertThat(output.getAll().substring(before)).doesNotContain(renewed);
        assertThat(stored.countDocuments()).isEqualTo(2);
    }

    @Test
    void aFirstTokenFileThatCannotBeWrittenStopsTheStartInWordsAndLeavesNoAccountWithAnUnknownToken(
            @TempDir Path directory) throws Exception {
        MongoDatabase empty = context.getBean(com.mongodb.client.MongoClient.class).getDatabase(
                TestMongo.freshDatabaseName());
        Path notADirectory = Files.writeString(directory.resolve("a-file"), "");
        AccountProperties properties = new AccountProperties(Duration.ofDays(90), Duration.ofHours(24),
                                                             notADirectory.resolve("first-secretariat-token"));
        AccountStore store = new AccountStore(new LedgerDatabase(empty), properties);

        assertThatThrownBy(() -> new AccountConfiguration().firstSecretariatAccount(store, properties).run(null))
                .hasMessageContaining("could not be written to " + notADirectory.resolve("first-secretariat-token"))
                .hasMessageContaining("set ledger.accounts.first-token-file");

        assertThat(store.anyUsableSecretariat()).as("the next start tries again").isFalse();
        assertThat(store.all()).singleElement().matches(Account::revoked);
    }

    @Test
    void accountsMadeBeforeTokensExpiredGetAWholeLifetimeFromTheUpgradeNotALockOut() {
        MongoDatabase older = context.getBean(com.mongodb.client.MongoClient.class).getDatabase(
                TestMongo.freshDatabaseName());
        MongoCollection<Document> stored = older.getCollection(LedgerCollection.ACCOUNTS.collectionName());
        String token = "clt_made-before-expiry";
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        stored.insertOne(new Document("_id", "old").append("tokenHash", Texts.sha256(token))
                                                   .append("kind", "DELEGATE").append("organisationId", "o")
                                                   .append("label", "made a year ago")
                                                   .append("createdAt", Date.from(longAgo)));
        // The expiry is stored as a BSON date (milliseconds): the lower bound is read at that precision too.
        Instant upgrade = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        AccountStore store = new AccountStore(new LedgerDatabase(older), AccountProperties.defaults());

        Account account = store.byToken(token).orElseThrow(() -> new AssertionError("locked out by the upgrade"));
        assertThat(account.tokenExpiresAt()).isBetween(upgrade.plus(Duration.ofDays(90)),
                                                       Instant.now().plus(Duration.ofDays(90)));
        Instant given = account.tokenExpiresAt();
        new AccountStore(new LedgerDatabase(older), AccountProperties.defaults());
        assertThat(store.byId("old").orElseThrow().tokenExpiresAt()).as("given once, not pushed back at each start")
                                                                     .isEqualTo(given);
    }

    private com.mongodb.client.MongoCollection<Document> accounts() {
        return context.getBean(LedgerDatabase.class).get().getCollection(LedgerCollection.ACCOUNTS.collectionName());
    }
}
