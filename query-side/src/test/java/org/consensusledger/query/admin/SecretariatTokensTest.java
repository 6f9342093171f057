package org.consensusledger.query.admin;

import org.bson.Document;
import org.consensusledger.eventlog.AccountFields;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's administration takes a secretariat token on the same terms as the command side: an expired one,
 * or one replaced past its change-over period, is refused in words; the replaced one still works during it.
 */
class SecretariatTokensTest extends QueryApiTest {

    @Autowired
    private LedgerDatabase database;

    @Test
    void anExpiredSecretariatTokenIsRefusedSayingWhenItExpired() throws Exception {
        Instant expired = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        String token = secretariat(new Document(AccountFields.TOKEN_EXPIRES_AT, Date.from(expired)));
        String valid = secretariat(new Document(AccountFields.TOKEN_EXPIRES_AT,
                                                Date.from(Instant.now().plus(Duration.ofDays(1)))));

        HttpResponse<String> refused = status(token);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("token-expired").contains("This token expired at " + expired)
                                  .contains("renews it");
        assertThat(status(valid).statusCode()).isEqualTo(200);
    }

    @Test
    void aReplacedTokenWorksDuringItsChangeOverOnlyAndIsThenRefusedAsReplaced() throws Exception {
        String old = "clt_old-" + UUID.randomUUID();
        String current = secretariat(new Document(AccountFields.TOKEN_EXPIRES_AT,
                                                  Date.from(Instant.now().plus(Duration.ofDays(90))))
                .append(AccountFields.PREVIOUS_TOKEN_HASH, AccountFields.tokenHash(old))
                .append(AccountFields.PREVIOUS_TOKEN_VALID_UNTIL,
                        Date.from(Instant.now().plus(Duration.ofHours(1)))));
        String older = "clt_older-" + UUID.randomUUID();
        secretariat(new Document(AccountFields.TOKEN_EXPIRES_AT, Date.from(Instant.now().plus(Duration.ofDays(90))))
                .append(AccountFields.PREVIOUS_TOKEN_HASH, AccountFields.tokenHash(older))
                .append(AccountFields.PREVIOUS_TOKEN_VALID_UNTIL,
                        Date.from(Instant.now().minus(Duration.ofHours(1)))));

        assertThat(status(current).statusCode()).isEqualTo(200);
        assertThat(status(old).statusCode()).as("within the change-over period").isEqualTo(200);
        HttpResponse<String> refused = status(older);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).contains("token-replaced").contains("was replaced by a new one");
    }

    /** A secretariat account with these fields; returns its current token. */
    private String secretariat(Document fields) {
        String token = "clt_admin-test-" + UUID.randomUUID();
        Document account = new Document("_id", UUID.randomUUID().toString())
                .append(AccountFields.TOKEN_HASH, AccountFields.tokenHash(token))
                .append(AccountFields.KIND, AccountFields.SECRETARIAT)
                .append("createdAt", new Date());
        account.putAll(fields);
        database.get().getCollection(LedgerCollection.ACCOUNTS.collectionName()).insertOne(account);
        return token;
    }

    private HttpResponse<String> status(String token) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/replay"))
                           .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
