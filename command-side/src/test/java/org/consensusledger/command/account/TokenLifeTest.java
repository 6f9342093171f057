package org.consensusledger.command.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Tokens with a life: each expires, a renewal replaces it after a change-over period. Time passes in these tests by
 * moving the stored instants into the past (what the ledger compares with its clock), never by waiting.
 */
class TokenLifeTest extends CommandApiTest {

    private static final Pattern TOKEN = Pattern.compile("clt_[A-Za-z0-9_-]{43}");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern PAGE_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void aNewTokenLivesTheConfiguredLifetimeAndAnExpiredOneIsRefusedSayingWhenAndHowToRenewIt() {
        String organisation = organisation("Expiry Watch", "CIVIL_SOCIETY");
        Instant before = Instant.now();
        ApiClient.Response created = api.post("/api/accounts", secretariat, fields(
                "kind", "DELEGATE", "organisationId", organisation, "label", "Ana, delegate"));
        String token = created.json().path("token").asText();
        String accountId = created.json().path("accountId").asText();
        assertThat(Instant.parse(created.json().path("tokenExpiresAt").asText()))
                .as("the default lifetime, P90D").isBetween(before.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.MILLIS),
                                                           Instant.now().plus(Duration.ofDays(90)));
        assertThat(api.get("/api/accounts/me", token).status()).isEqualTo(200);

        Instant expired = expire(accountId);
        ApiClient.Response refused = api.get("/api/accounts/me", token);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(refused.json().path("type").asText()).endsWith("token-expired");
        assertThat(refused.json().path("detail").asText()).contains("expired at " + expired)
                                                         .contains("A secretariat account renews it")
                                                         .contains("POST /api/accounts/" + accountId + "/token");

        // The secretariat renews it: the new token works; the expired one is not revived by the change-over.
        ApiClient.Response renewed = api.post("/api/accounts/" + accountId + "/token", secretariat, null);
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        String fresh = renewed.json().path("token").asText();
        assertThat(fresh).matches(TOKEN);
        assertThat(api.get("/api/accounts/me", fresh).json().path("accountId").asText()).isEqualTo(accountId);
        assertThat(api.get("/api/accounts/me", token).status()).isEqualTo(401);
    }

    @Test
    void aRenewedTokenReplacesTheOldOneWhichWorksDuringTheChangeOverAndIsThenRefusedAsReplaced() {
        String organisation = organisation("Rotation Society", "CIVIL_SOCIETY");
        String old = delegateOf(organisation);
        Instant before = Instant.now();

        ApiClient.Response rotated = api.post("/api/accounts/me/token", old, null);

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String token = rotated.json().path("token").asText();
        String accountId = rotated.json().path("accountId").asText();
        assertThat(token).matches(TOKEN).isNotEqualTo(old);
        assertThat(Instant.parse(rotated.json().path("previousTokenValidUntil").asText()))
                .as("the default change-over, PT24H").isBetween(before.plus(Duration.ofHours(24))
                                                                      .truncatedTo(ChronoUnit.MILLIS),
                                                                Instant.now().plus(Duration.ofHours(24)));
        assertThat(rotated.json().has("tokenExpiresAt")).isTrue();
        assertThat(api.get("/api/accounts/me", token).json().path("accountId").asText()).isEqualTo(accountId);
        assertThat(api.get("/api/accounts/me", old).status()).as("the old one, during the change-over")
                                                             .isEqualTo(200);
        for (String renewal : new String[] {"/api/accounts/me/token", "/api/accounts/" + accountId + "/token"}) {
            ApiClient.Response pushOut = api.post(renewal, old, null);
            assertThat(pushOut.status()).as("the replaced token renewing itself: " + pushOut).isEqualTo(403);
            assertThat(pushOut.header("Content-Type")).startsWith("application/problem+json");
            assertThat(pushOut.json().path("type").asText()).endsWith("renewal-needs-current-token");
            assertThat(pushOut.json().path("detail").asText()).contains("renew with the new token")
                                                             .contains("ask the secretariat");
        }
        assertThat(api.get("/api/accounts/me", token).status()).as("its successor still current").isEqualTo(200);

        Instant ended = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        accounts().updateOne(Filters.eq("_id", accountId),
                             Updates.set("previousTokenValidUntil", Date.from(ended)));
        ApiClient.Response refused = api.get("/api/accounts/me", old);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertThat(refused.json().path("type").asText()).endsWith("token-replaced");
        assertThat(refused.json().path("detail").asText()).contains("replaced by a new one")
                                                         .contains("stopped working at " + ended);
        assertThat(api.get("/api/accounts/me", token).status()).as("the new one still").isEqualTo(200);
    }

    @Test
    void aRetriedRenewalWithItsIdempotencyKeyNeverLeavesOnlyUnseenTokensWorking() {
        String organisation = organisation("Retry Renewals", "CIVIL_SOCIETY");
        String original = delegateOf(organisation);
        String accountId = api.get("/api/accounts/me", original).json().path("accountId").asText();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = api.send("POST", "/api/accounts/" + accountId + "/token", secretariat, null,
                                            "Idempotency-Key", key);
        // Its answer was lost on the way: the same request is sent again with its key.
        ApiClient.Response retried = api.send("POST", "/api/accounts/" + accountId + "/token", secretariat, null,
                                              "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        String unseen = first.json().path("token").asText();
        String token = retried.json().path("token").asText();
        assertThat(token).matches(TOKEN).isNotEqualTo(unseen);
        assertThat(retried.json().path("previousTokenValidUntil").asText())
                .as("the same change-over").isEqualTo(first.json().path("previousTokenValidUntil").asText());
        assertThat(api.get("/api/accounts/me", token).status()).isEqualTo(200);
        assertThat(api.get("/api/accounts/me", original).status()).as("the last token anybody saw still works")
                                                                  .isEqualTo(200);
        assertThat(api.get("/api/accounts/me", unseen).status()).as("the token nobody saw stops working")
                                                                .isEqualTo(401);

        String other = api.get("/api/accounts/me", delegateOf(organisation)).json().path("accountId").asText();
        ApiClient.Response reused = api.send("POST", "/api/accounts/" + other + "/token", secretariat, null,
                                             "Idempotency-Key", key);
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.json().path("type").asText()).endsWith("idempotency-key-reused");
        assertThat(reused.json().path("detail").asText()).contains("another account");
    }

    @Test
    void anAccountRetryingItsOwnLostRenewalWithItsKeyGetsAnotherNewToken() {
        String original = delegateOf(organisation("Own Retries", "CIVIL_SOCIETY"));
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = api.send("POST", "/api/accounts/me/token", original, null, "Idempotency-Key", key);
        // Its answer was lost: the holder still has only the original token, now in its change-over period.
        ApiClient.Response retried = api.send("POST", "/api/accounts/me/token", original, null,
                                              "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        String token = retried.json().path("token").asText();
        assertThat(api.get("/api/accounts/me", token).status()).isEqualTo(200);
        assertThat(api.get("/api/accounts/me", first.json().path("token").asText()).status())
                .as("the token nobody saw stops working").isEqualTo(401);
        ApiClient.Response again = api.post("/api/accounts/me/token", original, null);
        assertThat(again.status()).as("without the key it is a new renewal, by a replaced token").isEqualTo(403);
    }

    @Test
    void renewalsOfItsOwnTokenSentAtOnceRenewItOnceTheRestAreRefused() throws Exception {
        String token = delegateOf(organisation("Racing Renewals", "CIVIL_SOCIETY"));
        int parallel = 20;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch ready = new CountDownLatch(parallel);
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return api.post("/api/accounts/me/token", token, null);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiClient.Response> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES).status());
            }
            assertThat(statuses).as("one token renews once: a leaked copy cannot race its holder for the account")
                                .containsOnly(200, 403).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void hostileRenewalsAreRefusedInWords() {
        String mine = organisation("Own Org", "CIVIL_SOCIETY");
        String theirs = organisation("Their Org", "PRIVATE_SECTOR");
        String delegate = delegateOf(mine);
        String victim = api.get("/api/accounts/me", delegateOf(theirs)).json().path("accountId").asText();

        ApiClient.Response foreign = api.post("/api/accounts/" + victim + "/token", delegate, null);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        assertThat(foreign.json().path("detail").asText())
                .startsWith("Only the secretariat renews another account's token")
                .contains("POST /api/accounts/me/token");

        ApiClient.Response unknown = api.post("/api/accounts/" + UUID.randomUUID() + "/token", secretariat, null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isNotBlank();
        ApiClient.Response odd = api.post("/api/accounts/%3Cscript%3E'%20OR%201=1/token", secretariat, null);
        assertThat(odd.status()).as(odd.toString()).isEqualTo(404);
        assertThat(odd.header("Content-Type")).startsWith("application/problem+json");

        ApiClient.Response wrongMethod = api.get("/api/accounts/me/token", delegate);
        assertThat(wrongMethod.status()).as(wrongMethod.toString()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        ApiClient.Response badKey = api.send("POST", "/api/accounts/me/token", delegate, null,
                                             "Idempotency-Key", "x".repeat(201));
        assertThat(badKey.status()).as(badKey.toString()).isEqualTo(400);
        ApiClient.Response anonymous = api.post("/api/accounts/me/token", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/accounts/me", delegate).status()).as("no refusal changed the token").isEqualTo(200);

        api.delete("/api/accounts/" + victim, secretariat);
        ApiClient.Response revoked = api.post("/api/accounts/" + victim + "/token", secretariat, null);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(409);
        assertThat(revoked.json().path("detail").asText()).contains("revoked").contains("create a new account");
    }

    @Test
    void theConsoleSaysInWordsThatATokenExpiredAndTheAccountsScreenShowsExpiriesAndRenewal() {
        String organisation = organisation("Console Expiry", "CIVIL_SOCIETY");
        String token = delegateOf(organisation);
        String accountId = api.get("/api/accounts/me", token).json().path("accountId").asText();
        expire(accountId);

        ApiClient browser = ApiClient.withCookies(port);
        Matcher field = CSRF_FIELD.matcher(browser.get("/console/sign-in", null).text());
        assertThat(field.find()).isTrue();
        ApiClient.Response page = browser.postForm("/console/sign-in", Map.of("_csrf", field.group(1),
                                                                                 "token", token));

        assertThat(page.status()).isEqualTo(401);
        assertThat(page.text()).contains("This token expired on ").contains("renews it");

        ApiClient office = ApiClient.withCookies(port);
        Matcher officeField = CSRF_FIELD.matcher(office.get("/console/sign-in", null).text());
        assertThat(officeField.find()).isTrue();
        assertThat(office.postForm("/console/sign-in", Map.of("_csrf", officeField.group(1), "token", secretariat))
                         .status()).isEqualTo(302);
        String accounts = office.get("/console/accounts", null).text();
        assertThat(accounts).contains("data-action=\"/api/accounts/" + accountId + "/token\"")
                            .contains("token expired ").contains("token expires ")
                            .contains("id=\"renewed-token\"");
    }

    @Test
    void aConsoleSessionIsWorthNoMoreThanTheTokenItWasSignedInWith() {
        String organisation = organisation("Session Tokens", "CIVIL_SOCIETY");
        String first = delegateOf(organisation);
        String accountId = api.get("/api/accounts/me", first).json().path("accountId").asText();
        ApiClient pages = ApiClient.withCookies(port);
        signIn(pages, first);
        ApiClient script = ApiClient.withCookies(port);
        String csrf = signIn(script, first);

        ApiClient.Response renewed = api.post("/api/accounts/" + accountId + "/token", secretariat, null);
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        String second = renewed.json().path("token").asText();

        // During the change-over the session works, but it cannot renew the token it was signed in with.
        assertThat(script.send("GET", "/api/accounts/me", null, null, "X-CSRF-Token", csrf).status()).isEqualTo(200);
        ApiClient.Response pushOut = script.send("POST", "/api/accounts/me/token", null, "", "X-CSRF-Token", csrf);
        assertThat(pushOut.status()).as(pushOut.toString()).isEqualTo(403);
        assertThat(pushOut.json().path("type").asText()).endsWith("renewal-needs-current-token");
        assertThat(pages.get("/console", null).status()).isEqualTo(200);

        endChangeOver(accountId);
        ApiClient.Response ended = script.send("GET", "/api/accounts/me", null, null, "X-CSRF-Token", csrf);
        assertThat(ended.status()).as(ended.toString()).isEqualTo(401);
        assertThat(ended.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ended.json().path("type").asText()).endsWith("session-ended");
        assertThat(ended.json().path("detail").asText()).contains("was replaced by a new one")
                                                       .contains("Sign in again");
        ApiClient.Response signedOut = pages.get("/console", null);
        assertThat(signedOut.status()).as("the pages' session ends too").isEqualTo(303);
        assertThat(signedOut.header("Location")).endsWith("/console/sign-in");
        assertThat(api.get("/api/accounts/me", second).status()).as("the new token untouched").isEqualTo(200);

        // A session signed in with the current token renews it; it ends when the token it holds expires.
        ApiClient current = ApiClient.withCookies(port);
        String currentCsrf = signIn(current, second);
        ApiClient.Response own = current.send("POST", "/api/accounts/me/token", null, "", "X-CSRF-Token",
                                              currentCsrf);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        String third = own.json().path("token").asText();
        ApiClient latest = ApiClient.withCookies(port);
        signIn(latest, third);
        expire(accountId);
        assertThat(latest.get("/console", null).status()).as("its token expired").isEqualTo(303);
        assertThat(current.get("/console", null).status()).as("in its change-over still").isEqualTo(200);
    }

    @Test
    void concurrentRenewalsOfOneAccountAnswerRenewedOrTryAgainNeverAFailure() throws Exception {
        String accountId = api.get("/api/accounts/me", delegateOf(organisation("Busy Renewals", "CIVIL_SOCIETY")))
                              .json().path("accountId").asText();
        int parallel = 40;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            List<String> tokens = new ArrayList<>();
            for (ApiClient.Response response : renewAtOnce(threads, parallel, accountId)) {
                assertThat(response.status()).as(response.toString()).isIn(200, 409);
                if (response.status() == 409) {
                    assertThat(response.json().path("type").asText()).endsWith("renewal-in-progress");
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    assertThat(response.json().path("detail").asText()).containsIgnoringCase("send it again");
                } else {
                    tokens.add(response.json().path("token").asText());
                }
            }
            assertThat(tokens).as("some renewal went through").isNotEmpty();
            assertThat(tokens.stream().filter(token -> api.get("/api/accounts/me", token).status() == 200))
                    .as("the last renewal's token, and the one it replaced").hasSizeBetween(1, 2);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The secretariat renews the account's token from {@code parallel} threads at once. */
    private List<ApiClient.Response> renewAtOnce(ExecutorService threads, int parallel, String accountId)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(parallel);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            answers.add(threads.submit(() -> {
                ready.countDown();
                ready.await();
                return api.post("/api/accounts/" + accountId + "/token", secretariat, null);
            }));
        }
        List<ApiClient.Response> responses = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            responses.add(answer.get(2, TimeUnit.MINUTES));
        }
        return responses;
    }

    @Test
    void anOverLongAccountIdIsRefusedWithoutBeingEchoed() {
        String huge = "a".repeat(5000);
        for (ApiClient.Response refused : List.of(api.post("/api/accounts/" + huge + "/token", secretariat, null),
                                                 api.delete("/api/accounts/" + huge, secretariat))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asText()).endsWith("account-id-too-long");
            assertThat(refused.json().path("detail").asText()).contains("5000 characters").contains("at most 64");
            assertThat(refused.text()).hasSizeLessThan(1000).doesNotContain("a".repeat(65));
        }
    }

    /** Signs a browser in to the console with a token; returns the session's CSRF token. */
    private String signIn(ApiClient browser, String token) {
        Matcher field = CSRF_FIELD.matcher(browser.get("/console/sign-in", null).text());
        assertThat(field.find()).isTrue();
        ApiClient.Response signedIn = browser.postForm("/console/sign-in", Map.of("_csrf", field.group(1),
                                                                                     "token", token));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        Matcher csrf = PAGE_CSRF.matcher(browser.get("/console", null).text());
        assertThat(csrf.find()).isTrue();
        return csrf.group(1);
    }

    /** Ends the change-over period of the token the account's current one replaced ("the grace period passes"). */
    private void endChangeOver(String accountId) {
        accounts().updateOne(Filters.eq("_id", accountId),
                             Updates.set("previousTokenValidUntil", Date.from(Instant.now().minusSeconds(60))));
    }

    /** Moves the account's token expiry into the past ("its lifetime passes"); returns it. */
    private Instant expire(String accountId) {
        Instant expired = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        accounts().updateOne(Filters.eq("_id", accountId), Updates.set("tokenExpiresAt", Date.from(expired)));
        return expired;
    }

    private MongoCollection<Document> accounts() {
        return context.getBean(LedgerDatabase.class).get().getCollection(LedgerCollection.ACCOUNTS.collectionName());
    }
}
