package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.ApiClient.EventStream;
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
 * The live room over HTTP, as two co-chairs' browsers meet it: each meeting screen's stream hears within a moment
 * what anyone records for the body (and nothing of other bodies), who else has the meeting's console open, and the
 * proposal put in hand; a screen that reconnects after missing something is told at once.
 */
class LiveRoomTest extends CommandApiTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_DATA = Pattern.compile("data-csrf=\"([^\"]+)\"");
    private static final Duration WITHIN = Duration.ofSeconds(2);

    private String rights;
    private String ministry;
    private String body;
    private String meeting;
    private String rightsToken;
    private String ministryToken;

    @BeforeEach
    void aBodyWithTwoCoChairsAndAMeeting() {
        rights = organisation("Open Rights", "CIVIL_SOCIETY");
        ministry = organisation("Ministry of Digital Affairs", "GOVERNMENT");
        body = api.post("/api/bodies", secretariat, fields("name", "Live Plenary", "kind", "PLENARY",
                                                           "mandate", "Decide")).id();
        for (String member : new String[] {rights, ministry}) {
            api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member));
            api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", member));
        }
        rightsToken = delegateOf(rights);
        ministryToken = delegateOf(ministry);
        meeting = api.post("/api/meetings", rightsToken, fields("bodyId", body, "title", "Session 9",
                                                                "startsAt", "2026-12-01T09:00:00Z",
                                                                "format", "VIRTUAL")).id();
    }

    @Test
    void whatOneCoChairRecordsReachesTheOtherScreenAtOnceAndEachSeesWhoElseIsThere() {
        ApiClient first = ApiClient.withCookies(port);
        ApiClient second = ApiClient.withCookies(port);
        signIn(first, rightsToken);
        signIn(second, ministryToken);

        try (EventStream firstScreen = first.events("/console/meetings/" + meeting + "/live")) {
            await().atMost(WITHIN).until(() -> !firstScreen.data("hello").isEmpty());
            assertThat(firstScreen.status()).isEqualTo(200);
            try (EventStream secondScreen = second.events("/console/meetings/" + meeting + "/live")) {
                await().atMost(WITHIN).untilAsserted(() -> assertThat(last(firstScreen, "presence"))
                        .contains("Open Rights").contains("Ministry of Digital Affairs"));

                // Recorded by one co-chair through the API: the other's screen hears it.
                api.post("/api/meetings/" + meeting + "/opening", ministryToken, Map.of());
                await().atMost(WITHIN).untilAsserted(() -> assertThat(firstScreen.data("change"))
                        .anySatisfy(change -> assertThat(change).contains("\"type\":\"MeetingOpened\"")
                                                                .contains("\"meetingId\":\"" + meeting + "\"")));
                assertThat(firstScreen.lines()).as("each change carries its position as the event's id")
                                               .anySatisfy(line -> assertThat(line).matches("id:[0-9]+"));
            }
            // The server hears of a closed connection when it next writes to it: a heartbeat each second.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(last(firstScreen, "presence"))
                    .contains("Open Rights").doesNotContain("Ministry"));

            // Another body's record is not this room's business.
            String elsewhere = api.post("/api/bodies", secretariat, fields("name", "Other Plenary", "kind",
                                                                           "PLENARY", "mandate", "Other")).id();
            api.post("/api/bodies/" + body + "/mandate", secretariat, fields("mandate", "Decide, and say why"));
            await().atMost(WITHIN).untilAsserted(() -> assertThat(firstScreen.data("change"))
                    .anySatisfy(change -> assertThat(change).contains("MandateAmended")));
            assertThat(firstScreen.data("change")).noneSatisfy(change -> assertThat(change).contains(elsewhere));
        }
    }

    @Test
    void aScreenThatReconnectsAfterMissingSomethingIsToldAtOnce() {
        ApiClient browser = ApiClient.withCookies(port);
        signIn(browser, rightsToken);
        api.post("/api/meetings/" + meeting + "/opening", rightsToken, Map.of());

        try (EventStream screen = browser.events("/console/meetings/" + meeting + "/live", "Last-Event-ID", "0")) {
            await().atMost(WITHIN).untilAsserted(() -> assertThat(screen.data("change"))
                    .anySatisfy(change -> assertThat(change).contains("\"type\":\"Missed\"")));
        }
        try (EventStream screen = browser.events("/console/meetings/" + meeting + "/live",
                                                 "Last-Event-ID", "not a position")) {
            await().atMost(WITHIN).until(() -> !screen.data("hello").isEmpty());
            assertThat(screen.data("change")).as("nothing heard counts as nothing missed")
                                             .noneSatisfy(change -> assertThat(change).contains("\"type\":\"Missed\""));
        }
    }

    @Test
    void theProposalPutInHandReachesEveryScreenOfTheMeetingAndOnlyTheBodysProposalsCanBe() {
        ApiClient browser = ApiClient.withCookies(port);
        String csrf = signIn(browser, rightsToken);
        String proposal = api.post("/api/proposals", rightsToken, fields("bodyId", body, "proposedBy", rights,
                                                                         "title", "Data minimisation",
                                                                         "text", "Collect less.")).id();

        try (EventStream screen = browser.events("/console/meetings/" + meeting + "/live")) {
            await().atMost(WITHIN).until(() -> !screen.data("hello").isEmpty());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    browser.postForm("/console/meetings/" + meeting + "/in-hand",
                                     Map.of("_csrf", csrf, "proposalId", proposal)).status()).isEqualTo(204));
            await().atMost(WITHIN).untilAsserted(() -> assertThat(screen.data("in-hand"))
                    .anySatisfy(inHand -> assertThat(inHand).contains(proposal)));
        }
        try (EventStream later = browser.events("/console/meetings/" + meeting + "/live")) {
            await().atMost(WITHIN).untilAsserted(() -> assertThat(later.data("hello"))
                    .anySatisfy(hello -> assertThat(hello).contains(proposal)));
        }

        ApiClient.Response unknown = browser.postForm("/console/meetings/" + meeting + "/in-hand",
                                                      Map.of("_csrf", csrf, "proposalId", "nope"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asText()).endsWith("unknown-proposal");
        ApiClient.Response control = browser.postForm("/console/meetings/" + meeting + "/in-hand",
                                                      Map.of("_csrf", csrf, "proposalId", "\u0000nope"));
        assertThat(control.status()).as("refused at the door").isEqualTo(400);
        ApiClient.Response forged = browser.postForm("/console/meetings/" + meeting + "/in-hand",
                                                     Map.of("proposalId", proposal));
        assertThat(forged.status()).as("no CSRF token, no change").isEqualTo(403);
    }

    @Test
    void theLiveStreamAndTheProjectorNeedASignedInAccountAndAKnownMeeting() {
        ApiClient browser = ApiClient.withCookies(port);
        assertThat(browser.get("/console/meetings/" + meeting + "/live", null).status()).isEqualTo(303);
        assertThat(browser.get("/console/meetings/" + meeting + "/projector", null).status()).isEqualTo(303);
        signIn(browser, rightsToken);

        ApiClient.Response unknown = browser.send("GET", "/console/meetings/nope/live", null, null,
                                                "Accept", "text/event-stream");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("unknown-meeting");
        // Who has the console open is the co-chairs' business: a member that does not co-chair is not let in.
        String member = organisation("Academia Live", "ACADEMIA");
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member));
        ApiClient outsider = ApiClient.withCookies(port);
        String outsiderCsrf = signIn(outsider, delegateOf(member));
        ApiClient.Response refused = outsider.send("GET", "/console/meetings/" + meeting + "/live", null, null,
                                                   "Accept", "text/event-stream");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("not-allowed");
        assertThat(outsider.get("/console/meetings/" + meeting + "/projector", null).status()).isEqualTo(403);
        assertThat(outsider.postForm("/console/meetings/" + meeting + "/in-hand",
                                     Map.of("_csrf", outsiderCsrf, "proposalId", "any")).status()).isEqualTo(403);

        ApiClient.Response projector = browser.get("/console/meetings/" + meeting + "/projector", null);
        assertThat(projector.status()).isEqualTo(200);
        assertThat(projector.text()).contains("Live Plenary").contains("/console/assets/projector.js")
                                    .contains("/console/assets/live.js").contains("data-key=\"projectorBlocks\"");
        assertThat(browser.get("/console/meetings/nope/projector", null).status()).isEqualTo(404);
    }

    private static String last(EventStream stream, String event) {
        var data = stream.data(event);
        return data.isEmpty() ? "" : data.get(data.size() - 1);
    }

    /** Signs {@code browser} in with {@code token}; the session's CSRF token, as the meeting screen has it. */
    private String signIn(ApiClient browser, String token) {
        ApiClient.Response form = browser.get("/console/sign-in", null);
        Matcher field = CSRF_FIELD.matcher(form.text());
        assertThat(field.find()).isTrue();
        ApiClient.Response signedIn = browser.postForm("/console/sign-in", Map.of("_csrf", field.group(1),
                                                                                   "token", token));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        Matcher data = CSRF_DATA.matcher(browser.get("/console/meetings/" + meeting, null).text());
        assertThat(data.find()).isTrue();
        return data.group(1);
    }
}
