package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * The meeting console over HTTP, as a browser meets it: signing in with a token gives a session cookie; pages need
 * it; every form and every script request on it needs the session's CSRF token; signing out ends it.
 */
class ConsoleSessionTest extends CommandApiTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_DATA = Pattern.compile("data-csrf=\"([^\"]+)\"");

    private ApiClient browser;
    private String rights;
    private String body;
    private String meeting;
    private String chairToken;

    @BeforeEach
    void aBodyWithAMeetingAndABrowser() {
        browser = ApiClient.withCookies(port);
        rights = organisation("Open Rights", "CIVIL_SOCIETY");
        body = api.post("/api/bodies", secretariat, fields("name", "Console Plenary", "kind", "PLENARY",
                                                           "mandate", "Decide")).id();
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", rights));
        api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", rights));
        chairToken = delegateOf(rights);
        meeting = api.post("/api/meetings", chairToken, fields("bodyId", body, "title", "Session 7",
                                                               "startsAt", "2026-12-01T09:00:00Z",
                                                               "format", "VIRTUAL")).id();
    }

    @Test
    void signingInWithATokenOpensTheConsoleAndEveryPageOfIt() {
        ApiClient.Response unsigned = browser.get("/console", null);
        assertThat(unsigned.status()).isEqualTo(303);
        assertThat(unsigned.header("Location")).endsWith("/console/sign-in");

        ApiClient.Response form = browser.get("/console/sign-in", null);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(form.header("Set-Cookie")).contains("ledger_console=").contains("HttpOnly")
                                              .contains("SameSite=Strict");
        ApiClient.Response signedIn = browser.postForm("/console/sign-in",
                                                       Map.of("_csrf", csrf(form.text()), "token", chairToken));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/console");
        assertThat(signedIn.header("Set-Cookie")).as("a new session id on signing in").contains("ledger_console=");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Response bodies = browser.get("/console", null);
            assertThat(bodies.status()).isEqualTo(200);
            assertThat(bodies.text()).contains("Signed in for Open Rights").contains("Console Plenary")
                                     .contains("/console/bodies/" + body);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ApiClient.Response meetings = browser.get("/console/bodies/" + body, null);
            assertThat(meetings.status()).isEqualTo(200);
            assertThat(meetings.text()).contains("Session 7").contains("Dec 1, 2026 09:00 UTC").contains("scheduled");
        });
        ApiClient.Response screen = browser.get("/console/meetings/" + meeting, null);
        assertThat(screen.status()).isEqualTo(200);
        assertThat(screen.text()).contains("data-meeting=\"" + meeting + "\"").contains("data-body=\"" + body + "\"")
                                 .contains("data-key=\"blockingMany\"").contains("/console/assets/console.js");

        ApiClient.Response unknown = browser.get("/console/meetings/nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("Not found");
        assertThat(browser.get("/console/bodies/nope", null).status()).isEqualTo(404);
    }

    @Test
    void theCommandApiTakesTheSessionOnlyWithItsCsrfTokenInAHeader() {
        String csrf = signIn(chairToken);
        long before = storedEvents();

        ApiClient.Response withoutToken = browser.post("/api/meetings/" + meeting + "/opening", null, null);
        assertThat(withoutToken.status()).as(withoutToken.toString()).isEqualTo(403);
        assertThat(withoutToken.json().path("type").asText()).endsWith("csrf-token-invalid");
        ApiClient.Response wrongToken = browser.post("/api/meetings/" + meeting + "/opening", null, null,
                                                     "X-CSRF-Token", "forged");
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(storedEvents()).as("nothing recorded without the CSRF token").isEqualTo(before);

        ApiClient.Response opened = browser.post("/api/meetings/" + meeting + "/opening", null, null,
                                                 "X-CSRF-Token", csrf);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        ApiClient.Response read = browser.send("GET", "/api/meetings/" + meeting, null, null, "X-CSRF-Token", csrf);
        assertThat(read.json().path("status").asText()).isEqualTo("OPEN");
        // Recorded in the name of the signed-in account, as with its token.
        assertThat(api.get("/api/accounts/me", chairToken).json().path("accountId").asText())
                .isEqualTo(eventStore.readEvents(meeting).asStream().reduce((a, b) -> b).orElseThrow()
                                     .getMetaData().get("recordedBy"));
    }

    @Test
    void aFormWithoutTheCsrfTokenOrWithABadTokenIsRefusedWithAPage() {
        ApiClient.Response form = browser.get("/console/sign-in", null);

        ApiClient.Response forged = browser.postForm("/console/sign-in", Map.of("token", chairToken));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text()).contains("The form had expired");
        assertThat(browser.get("/console", null).status()).as("not signed in").isEqualTo(303);

        ApiClient.Response blank = browser.postForm("/console/sign-in", Map.of("_csrf", csrf(form.text()),
                                                                                 "token", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text()).contains("Enter your account token");
        ApiClient.Response unknown = browser.postForm("/console/sign-in", Map.of("_csrf", csrf(form.text()),
                                                                                   "token", "clt_unknown"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.text()).contains("unknown or has been revoked");
        assertThat(browser.get("/console", null).status()).isEqualTo(303);
    }

    @Test
    void signingOutOrARevokedAccountEndsTheSession() {
        String csrf = signIn(chairToken);
        String page = browser.get("/console", null).text();

        ApiClient.Response out = browser.postForm("/console/sign-out", Map.of("_csrf", csrf(page)));
        assertThat(out.status()).isEqualTo(302);
        assertThat(browser.get("/console", null).status()).isEqualTo(303);
        ApiClient.Response api401 = browser.send("GET", "/api/meetings/" + meeting, null, null, "X-CSRF-Token", csrf);
        assertThat(api401.status()).isEqualTo(401);

        String otherToken = delegateOf(rights);
        String otherCsrf = signIn(otherToken);
        String accountId = api.get("/api/accounts/me", otherToken).json().path("accountId").asText();
        assertThat(api.delete("/api/accounts/" + accountId, secretariat).status()).isIn(200, 204);

        ApiClient.Response revoked = browser.send("GET", "/api/meetings/" + meeting, null, null,
                                                  "X-CSRF-Token", otherCsrf);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().path("detail").asText()).contains("revoked");
        assertThat(browser.get("/console", null).status()).isEqualTo(303);
    }

    /** Signs the browser in and returns the CSRF token its pages carry. */
    private String signIn(String token) {
        ApiClient.Response form = browser.get("/console/sign-in", null);
        ApiClient.Response signedIn = browser.postForm("/console/sign-in",
                                                       Map.of("_csrf", csrf(form.text()), "token", token));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        Matcher data = CSRF_DATA.matcher(browser.get("/console/meetings/" + meeting, null).text());
        assertThat(data.find()).isTrue();
        return data.group(1);
    }

    private static String csrf(String html) {
        Matcher field = CSRF_FIELD.matcher(html);
        assertThat(field.find()).as("a CSRF field in " + html).isTrue();
        return field.group(1);
    }
}
