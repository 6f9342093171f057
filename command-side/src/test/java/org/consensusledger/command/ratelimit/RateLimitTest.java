package org.consensusledger.command.ratelimit;

import org.consensusledger.command.account.TestAccounts;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.web.ManualClock;
import org.consensusledger.web.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's rate limits, with small limits and a clock the test moves (a window passes at once, nothing
 * waits): failed tokens and failed sign-ins per client address, sign-ins and commands per account, anonymous console
 * sessions per address and in all. The test client's connection (127.0.0.1) is a trusted proxy here, so each test
 * speaks for addresses of its own through {@code X-Forwarded-For}; a peer that is not trusted (127.0.0.2) is counted
 * by its own address whatever it forwards. Its own application and database: the other HTTP tests run far from any
 * limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.rate-limits.failed-authentication.capacity=3",
        "ledger.rate-limits.failed-authentication.window=1m",
        "ledger.rate-limits.sign-ins.capacity=2",
        "ledger.rate-limits.sign-ins.window=10m",
        "ledger.rate-limits.commands.capacity=3",
        "ledger.rate-limits.commands.window=1m",
        "ledger.rate-limits.anonymous-sessions.capacity=3",
        "ledger.rate-limits.anonymous-sessions.window=1m",
        "ledger.rate-limits.max-anonymous-sessions=5",
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"})
class RateLimitTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @TestConfiguration
    static class Clock {
        @Bean
        ManualClock rateLimitClock() {
            return new ManualClock();
        }
    }

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private ManualClock clock;

    private ApiClient api;
    private String secretariat;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        secretariat = TestAccounts.secretariat(context);
    }

    @Test
    void failedTokensFromAnAddressAre429WithRetryAfterUntilTheWindowHasPassed() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(me(address, "wrong-token-" + i).status()).isEqualTo(401);
        }

        ApiClient.Response refused = me(address, "wrong-token-3");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).as("one attempt back every 60 s / 3").isEqualTo("20");
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:consensus-ledger:problem:too-many-requests");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("Too many failed authentication attempts from this address; try again in 20 seconds");
        assertThat(me(address, secretariat).status()).as("the right token too, while the address is locked out")
                                                     .isEqualTo(429);
        assertThat(me(newAddress(), secretariat).status()).as("another address").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(me(address, secretariat).status()).isEqualTo(200);
        assertThat(me(address, "wrong-token-4").status()).isEqualTo(401);
    }

    @Test
    void parallelWrongTokensGetNoMoreThanTheLimitOf401s() throws Exception {
        String address = newAddress();
        Map<Integer, Long> statuses = parallel(100, i -> me(address, "wrong-token-" + i).status());

        assertThat(statuses).as("each attempt is taken before its token is checked").isEqualTo(Map.of(401, 3L,
                                                                                                         429, 97L));
        assertThat(me(address, secretariat).status()).isEqualTo(429);
    }

    @Test
    void rightTokensTakeNoAttemptsHoweverManyAtOnce() throws Exception {
        String address = newAddress();
        Map<Integer, Long> statuses = parallel(30, i -> me(address, secretariat).status());
        assertThat(statuses).as("a client sending more requests at once than the limit is not refused")
                            .containsOnlyKeys(200);

        for (int i = 0; i < 3; i++) {
            assertThat(me(address, "wrong-token").status()).as("none of them counted").isEqualTo(401);
        }
        assertThat(me(address, "wrong-token").status()).isEqualTo(429);
    }

    @Test
    void parallelFailedSignInsGetNoMoreThanTheLimitOfRefusals() throws Exception {
        String address = newAddress();
        ApiClient browser = ApiClient.withCookies(port);
        String csrf = signInForm(browser, address);
        Map<Integer, Long> statuses = parallel(40, i -> signIn(browser, address, csrf, "wrong-token-" + i).status());

        assertThat(statuses).isEqualTo(Map.of(401, 3L, 429, 37L));
    }

    @Test
    void anUntrustedPeerIsCountedByItsOwnAddressWhateverItForwards() {
        for (int i = 0; i < 3; i++) {
            assertThat(rawMe("127.0.0.2", newAddress(), "wrong-token").status()).isEqualTo(401);
        }

        RawHttp.Answer refused = rawMe("127.0.0.2", newAddress(), secretariat);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.headers().get("retry-after")).isEqualTo("20");
        clock.advance(Duration.ofMinutes(1));
        assertThat(rawMe("127.0.0.2", newAddress(), secretariat).status()).isEqualTo(200);
    }

    @Test
    void failedSignInsFromAnAddressAre429InWordsUntilTheWindowHasPassed() {
        String address = newAddress();
        ApiClient browser = ApiClient.withCookies(port);
        String csrf = signInForm(browser, address);
        assertThat(signIn(browser, address, csrf, "").status()).isEqualTo(400);
        assertThat(signIn(browser, address, csrf, "wrong-token").status()).isEqualTo(401);
        assertThat(me(address, "wrong-token").status()).as("the API's failed tokens count with them").isEqualTo(401);

        ApiClient.Response refused = signIn(browser, address, csrf, secretariat);
        assertThat(refused.status()).as("the right token too, while the address is locked out").isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.text()).contains("Too many failed sign-ins from this address; try again in 20 seconds.")
                                  .doesNotContain("name=\"token\"");

        clock.advance(Duration.ofMinutes(1));

        ApiClient.Response signedIn = signIn(browser, address, csrf, secretariat);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(browser.send("GET", "/console", null, null, "X-Forwarded-For", address).status()).isEqualTo(200);
    }

    @Test
    void theLockoutPageIsInTheReadersLanguage() {
        String address = newAddress();
        ApiClient browser = ApiClient.withCookies(port);
        String csrf = signInForm(browser, address);
        for (int i = 0; i < 3; i++) {
            signIn(browser, address, csrf, "wrong-token");
        }
        ApiClient.Response refused = browser.send("POST", "/console/sign-in", null, form(csrf, "x"),
                                                  "Content-Type", "application/x-www-form-urlencoded",
                                                  "X-Forwarded-For", address, "Accept-Language", "fr");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text()).contains("Trop de connexions échouées depuis cette adresse ; réessayez dans 20 "
                                                    + "secondes.");
    }

    @Test
    void anAccountSigningInTooOftenIsRefusedUntilTheWindowHasPassed() {
        String account = TestAccounts.secretariat(context);
        for (int i = 0; i < 2; i++) {
            ApiClient browser = ApiClient.withCookies(port);
            String address = newAddress();
            assertThat(signIn(browser, address, signInForm(browser, address), account).status()).isEqualTo(302);
        }

        ApiClient browser = ApiClient.withCookies(port);
        String address = newAddress();
        String csrf = signInForm(browser, address);
        ApiClient.Response refused = signIn(browser, address, csrf, account);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).as("one sign-in back every 10 min / 2").isEqualTo("300");
        assertThat(refused.text()).contains("This account has signed in too often; try again in 300 seconds.");
        assertThat(signIn(browser, address, csrf, secretariat).status()).as("another account").isEqualTo(302);

        clock.advance(Duration.ofMinutes(5));
        ApiClient again = ApiClient.withCookies(port);
        assertThat(signIn(again, address, signInForm(again, address), account).status()).isEqualTo(302);
    }

    @Test
    void commandsOfAnAccountAreLimitedReadsAreNot() {
        String account = TestAccounts.secretariat(context);
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(organisation(address, account, "Limited " + i).status()).isEqualTo(201);
        }

        ApiClient.Response refused = organisation(address, account, "Limited 3");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("Too many commands from this account; try again in 20 seconds");
        assertThat(me(address, account).status()).as("reading is not a command").isEqualTo(200);
        assertThat(organisation(address, secretariat, "Another account's").status()).isEqualTo(201);

        clock.advance(Duration.ofMinutes(1));
        assertThat(organisation(address, account, "Limited 4").status()).isEqualTo(201);
    }

    @Test
    void anAddressMayOpenOnlySoManySignInForms() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            ApiClient.Response form = page(ApiClient.withCookies(port), address);
            assertThat(form.status()).isEqualTo(200);
        }

        ApiClient.Response refused = page(ApiClient.withCookies(port), address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.header("Set-Cookie")).as("no session made for it").isNull();
        assertThat(refused.text()).contains("Too many sign-in pages were opened from this address; try again in 20 "
                                                    + "seconds.");
        assertThat(refused.header("Content-Security-Policy")).as("the console's headers outside /console too")
                                                           .contains("frame-ancestors 'none'");
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page(ApiClient.withCookies(port), newAddress()).status()).isEqualTo(200);
    }

    @Test
    void startingSignInsAtAnIdentityProviderCountsAsOpeningSignInForms() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            // No provider is configured here: past the limit's count, the answer is the application's own 404.
            assertThat(ApiClient.withCookies(port).send("GET", "/oauth2/authorization/any", null, null,
                                                             "X-Forwarded-For", address)
                                .status()).isEqualTo(404);
        }

        ApiClient.Response refused = ApiClient.withCookies(port).send("GET", "/oauth2/authorization/any", null,
                                                                      null, "X-Forwarded-For", address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.text()).contains("Too many sign-in pages were opened from this address; try again in 20 "
                                                    + "seconds.");
        assertThat(page(ApiClient.withCookies(port), address).status()).as("the same budget as the forms")
                                                                       .isEqualTo(429);
        ApiClient.Response direct = ApiClient.withCookies(port).send("GET", "/oauth2/too-many", null, null,
                                                                     "X-Forwarded-For", newAddress());
        assertThat(direct.status()).as("asked for directly: the sign-in page").isEqualTo(302);
        assertThat(direct.header("Location")).endsWith("/console/sign-in");
    }

    @Test
    void beyondTheCapTheOldestAnonymousSessionEndsNeverASignedInOne() {
        ApiClient chair = ApiClient.withCookies(port);
        String chairAddress = newAddress();
        assertThat(signIn(chair, chairAddress, signInForm(chair, chairAddress), secretariat).status()).isEqualTo(302);
        ApiClient oldest = ApiClient.withCookies(port);
        String oldestAddress = newAddress();
        String oldestCsrf = signInForm(oldest, oldestAddress);

        for (int i = 0; i < 5; i++) {
            assertThat(page(ApiClient.withCookies(port), newAddress()).status()).isEqualTo(200);
        }

        ApiClient.Response expired = signIn(oldest, oldestAddress, oldestCsrf, secretariat);
        assertThat(expired.status()).as("its session was ended: the form has expired").isEqualTo(403);
        assertThat(expired.text()).contains("The form had expired");
        assertThat(chair.send("GET", "/console", null, null, "X-Forwarded-For", chairAddress).status())
                .as("the signed-in session is still there").isEqualTo(200);
    }

    /** Sends {@code count} requests from 20 threads, all set off together: how many got each status. */
    private static Map<Integer, Long> parallel(int count, IntFunction<Integer> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            Map<Integer, Long> statuses = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(), 1L, Long::sum);
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A fresh client address (TEST-NET-2, never a real one), so that tests do not share buckets. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private ApiClient.Response me(String address, String token) {
        return api.send("GET", "/api/accounts/me", token, null, "X-Forwarded-For", address);
    }

    private RawHttp.Answer rawMe(String peer, String forwarded, String token) {
        return RawHttp.sendFrom(peer, port, "GET /api/accounts/me HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + token + "\r\nX-Forwarded-For: " + forwarded + "\r\n");
    }

    private ApiClient.Response organisation(String address, String token, String name) {
        return api.send("POST", "/api/organisations", token,
                        ApiClient.toJson(Map.of("name", name, "stakeholderGroup", "ACADEMIA")),
                        "X-Forwarded-For", address);
    }

    private static ApiClient.Response page(ApiClient browser, String address) {
        return browser.send("GET", "/console/sign-in", null, null, "X-Forwarded-For", address);
    }

    private static String signInForm(ApiClient browser, String address) {
        ApiClient.Response form = page(browser, address);
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        Matcher csrf = CSRF_FIELD.matcher(form.text());
        assertThat(csrf.find()).isTrue();
        return csrf.group(1);
    }

    private static ApiClient.Response signIn(ApiClient browser, String address, String csrf, String token) {
        return browser.send("POST", "/console/sign-in", null, form(csrf, token),
                            "Content-Type", "application/x-www-form-urlencoded", "X-Forwarded-For", address);
    }

    private static String form(String csrf, String token) {
        return Map.of("_csrf", csrf, "token", token).entrySet().stream()
                  .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                  .collect(Collectors.joining("&"));
    }
}
