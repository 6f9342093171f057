package org.consensusledger.command.body;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/** The body and meeting endpoints the end-to-end meeting does not go through, over HTTP. */
class BodyAndMeetingApiTest extends CommandApiTest {

    private String ministry;
    private String rights;
    private String body;
    private String chair;

    @BeforeEach
    void aBodyWithACoChairAndAMember() {
        ministry = organisation("Ministry", "GOVERNMENT");
        rights = organisation("Open Rights", "CIVIL_SOCIETY");
        body = api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY", "mandate", "Decide"))
                  .id();
        expect(201, api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", ministry)));
        expect(200, api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", ministry)));
        expect(201, api.post("/api/bodies/" + body + "/members", delegateOf(rights), fields("organisationId", rights)));
        chair = delegateOf(ministry);
    }

    @Test
    void theMandateIsAmendedAndTheETagFollowsTheVersion() {
        ApiClient.Response amended = api.post("/api/bodies/" + body + "/mandate", secretariat,
                                              fields("mandate", "Decide and review", "rationale", "Plenary"));

        expect(200, amended);
        assertThat(amended.header("ETag")).isEqualTo("\"4\"");
        assertThat(amended.json().path("version").asLong()).isEqualTo(4);
    }

    @Test
    void aCoChairIsRelievedAndAMemberWithdraws() {
        expect(200, api.delete("/api/bodies/" + body + "/co-chairs/" + ministry + "?reason=Term%20ended", secretariat));
        expect(200, api.post("/api/bodies/" + body + "/members/" + rights + "/withdrawal", delegateOf(rights),
                             fields("reason", "Merged")));
        long before = storedEvents();

        ApiClient.Response again = api.delete("/api/bodies/" + body + "/co-chairs/" + ministry, secretariat);

        expect(409, again);
        assertThat(again.json().path("rule").asText()).isEqualTo("not-a-co-chair");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aGovernmentsRequestIsAcceptedForACoChairToDecide() {
        String agency = organisation("Agency", "GOVERNMENT");

        ApiClient.Response requested = api.post("/api/bodies/" + body + "/members", delegateOf(agency),
                                                fields("organisationId", agency));

        expect(202, requested);
        expect(201, api.post("/api/bodies/" + body + "/members", chair, fields("organisationId", agency)));
    }

    @Test
    void aScheduledMeetingIsCancelledAndThenCannotBeOpened() {
        String meeting = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Session", "startsAt",
                                                                 "2026-01-01T10:00:00Z", "format", "VIRTUAL")).id();
        expect(200, api.post("/api/meetings/" + meeting + "/cancellation", chair, fields("reason", "No quorum")));
        long before = storedEvents();

        ApiClient.Response opening = api.post("/api/meetings/" + meeting + "/opening", chair, null);

        expect(409, opening);
        assertThat(opening.json().path("detail").asText()).isEqualTo(
                "Meeting \"Session\" is cancelled: only a meeting that is scheduled can be opened");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anOpeningInTheFutureIsRefused() {
        String meeting = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Session", "startsAt",
                                                                 "2026-01-01T10:00:00Z", "format", "VIRTUAL")).id();

        ApiClient.Response opening = api.post("/api/meetings/" + meeting + "/opening", chair,
                                              fields("occurredAt", "2199-01-01T00:00:00Z"));

        expect(409, opening);
        assertThat(opening.json().path("rule").asText()).isEqualTo("occurred-in-future");
    }

    @Test
    void aBodyIsEstablishedInATimeZoneAndAnUnknownOneIsRefusedInWords() {
        expect(201, api.post("/api/bodies", secretariat, fields("name", "Geneva plenary", "kind", "PLENARY",
                                                                "mandate", "Decide", "timeZone", "Europe/Zurich")));
        expect(201, api.post("/api/bodies", secretariat, fields("name", "UTC plenary", "kind", "PLENARY",
                                                                "mandate", "Decide", "timeZone", "")));

        for (String unknown : new String[]{"Mars/Base", "+01:00", "../x", "x".repeat(5_000)}) {
            ApiClient.Response refused = api.post("/api/bodies", secretariat, fields(
                    "name", "Plenary", "kind", "PLENARY", "mandate", "Decide", "timeZone", unknown));

            expect(400, refused);
            assertThat(refused.text()).as(unknown).contains("timeZone");
        }
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
