package org.consensusledger.command.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * What a room with several co-chairs needs of the command API, over HTTP: contributions for different members sent
 * at the same moment without If-Match are all stored; the state says on which version each position was given and
 * who gave each disposition; and refusals name members, proposals and meetings by name, never by id.
 */
class LiveRoomApiTest extends CommandApiTest {

    private String ministry;
    private String rights;
    private String acme;
    private String university;
    private String body;
    private String chair;
    private String secondChair;
    private String meeting;
    private String proposal;

    @BeforeEach
    void aMeetingWithTwoCoChairsAndAProposal() {
        ministry = organisation("Ministry of Digital Affairs", "GOVERNMENT");
        rights = organisation("Open Rights", "CIVIL_SOCIETY");
        acme = organisation("Acme Networks", "PRIVATE_SECTOR");
        university = organisation("University of Lisbon", "ACADEMIA");
        body = api.post("/api/bodies", secretariat, fields("name", "Data Governance", "kind", "PLENARY",
                                                           "mandate", "Recommend principles")).id();
        for (String member : List.of(ministry, rights, acme, university)) {
            expect(201, api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member)));
        }
        for (String coChair : List.of(rights, ministry)) {
            expect(200, api.post("/api/bodies/" + body + "/co-chairs", secretariat,
                                 fields("organisationId", coChair)));
        }
        chair = delegateOf(rights);
        secondChair = delegateOf(ministry);
        meeting = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Session 3",
                                                          "startsAt", "2026-12-01T09:00:00Z", "format", "VIRTUAL"))
                     .id();
        expect(200, api.post("/api/meetings/" + meeting + "/opening", chair, null));
        for (String present : List.of(ministry, rights, acme)) {
            expect(200, api.post("/api/meetings/" + meeting + "/attendance", chair,
                                 fields("organisationId", present, "mode", "IN_PERSON")));
        }
        proposal = "/api/proposals/" + api.post("/api/proposals", chair, fields(
                "bodyId", body, "proposedBy", rights, "title", "Minimise data", "text", "Collect less.",
                "meetingId", meeting)).id();
    }

    @Test
    void contributionsForDifferentMembersSentAtOnceWithoutIfMatchAreAllStored() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Callable<ApiClient.Response> objection = () -> {
                start.await();
                return api.post(proposal + "/objections", chair,
                                fields("organisationId", ministry, "grounds", "Interception", "meetingId", meeting));
            };
            Callable<ApiClient.Response> support = () -> {
                start.await();
                return api.post(proposal + "/support", secondChair,
                                fields("organisationId", acme, "meetingId", meeting));
            };
            Future<ApiClient.Response> first = both.submit(objection);
            Future<ApiClient.Response> second = both.submit(support);
            start.countDown();
            expect(201, first.get());
            expect(200, second.get());
        } finally {
            both.shutdownNow();
        }
        // ... and a contribution sent after, on a screen that has seen neither, is stored too.
        expect(201, api.post(proposal + "/concerns", secondChair,
                             fields("organisationId", rights, "text", "Costs", "meetingId", meeting)));

        JsonNode state = api.get(proposal, chair).json();
        assertThat(state.path("objections")).hasSize(1);
        assertThat(state.path("objections").get(0).path("organisationId").asText()).isEqualTo(ministry);
        assertThat(state.path("positions").path(acme).asText()).isEqualTo("SUPPORT");
        assertThat(state.path("concerns")).hasSize(1);
    }

    @Test
    void theStateSaysOnWhichVersionEachPositionWasGivenAndWhoGaveEachDisposition() {
        expect(200, api.post(proposal + "/support", chair, fields("organisationId", acme, "meetingId", meeting)));
        String objection = api.post(proposal + "/objections", chair, fields(
                "organisationId", ministry, "grounds", "Interception", "meetingId", meeting)).id();
        expect(201, api.post(proposal + "/revisions", chair, fields("text", "Collect much less.",
                                                                    "meetingId", meeting)));
        expect(200, api.post(proposal + "/stand-asides", chair, fields(
                "organisationId", rights, "reason", "Conflict of interest", "meetingId", meeting)));
        expect(200, api.post(proposal + "/objections/" + objection + "/disposition", secondChair, fields(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Out of scope", "meetingId", meeting)));

        JsonNode state = api.get(proposal, chair).json();

        assertThat(state.path("textVersion").asInt()).isEqualTo(2);
        assertThat(state.path("positionVersions").path(acme).asInt()).as("support given on version 1").isEqualTo(1);
        assertThat(state.path("positionVersions").path(rights).asInt()).isEqualTo(2);
        assertThat(state.path("objections").get(0).path("addressedBy").asText()).isEqualTo(ministry);
    }

    /**
     * Two co-chairs dispose on the version both saw. The second disposition of the same objection is refused by the
     * rule, which names the objector and who gave the first (the rule is checked before the version); a disposition
     * of another objection on that version is refused as stale (412). Either way nothing is stored.
     */
    @Test
    void aSecondDispositionOfTheSameObjectionIsRefusedNamingTheObjectorAndWhoGaveTheFirst() {
        String objection = api.post(proposal + "/objections", chair, fields(
                "organisationId", ministry, "grounds", "Interception", "meetingId", meeting)).id();
        String other = api.post(proposal + "/objections", chair, fields(
                "organisationId", acme, "grounds", "Unworkable", "meetingId", meeting)).id();
        String seen = api.get(proposal, chair).header("ETag");
        expect(200, api.post(proposal + "/objections/" + objection + "/disposition", chair, fields(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Out of scope", "meetingId", meeting),
                             "If-Match", seen));
        long before = storedEvents();

        ApiClient.Response again = api.post(proposal + "/objections/" + objection + "/disposition", secondChair,
                                            fields("disposition", "NOT_ACCOMMODATED", "reasons", "Later",
                                                   "meetingId", meeting), "If-Match", seen);
        expect(409, again);
        assertThat(again.json().path("detail").asText())
                .isEqualTo("The objection of Ministry of Digital Affairs (against version 1) already has a "
                                   + "disposition: not accommodated, given by Open Rights");
        expect(412, api.post(proposal + "/objections/" + other + "/disposition", secondChair, fields(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Later", "meetingId", meeting), "If-Match", seen));
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusalsNameMembersProposalsAndMeetingsNotTheirIds() {
        String objection = api.post(proposal + "/objections", chair, fields(
                "organisationId", ministry, "grounds", "Interception", "meetingId", meeting)).id();
        api.post(proposal + "/objections", chair, fields("organisationId", acme, "grounds", "Unworkable",
                                                         "meetingId", meeting));

        ApiClient.Response declared = api.post(proposal + "/outcome", chair, fields(
                "outcome", "ROUGH_CONSENSUS", "rationale", "Broad support", "meetingId", meeting));
        expect(409, declared);
        assertThat(declared.json().path("detail").asText()).isEqualTo(
                "Cannot declare rough consensus: the objection of Ministry of Digital Affairs (against version 1) "
                        + "and the objection of Acme Networks (against version 1) have no disposition");

        ApiClient.Response absent = api.post(proposal + "/support", chair, fields(
                "organisationId", university, "meetingId", meeting));
        expect(409, absent);
        assertThat(absent.json().path("detail").asText()).isEqualTo(
                "University of Lisbon is not recorded as attending meeting \"Session 3\": record its attendance (in "
                        + "person or remote) before its position in the meeting");

        ApiClient.Response accommodated = api.post(proposal + "/objections/" + objection + "/disposition", chair,
                                                   fields("disposition", "ACCOMMODATED", "accommodatingVersion", 1,
                                                          "meetingId", meeting));
        expect(409, accommodated);
        assertThat(accommodated.json().path("detail").asText()).startsWith(
                "The objection of Ministry of Digital Affairs was raised against version 1: the revision that "
                        + "accommodates it must be later than version 1");

        ApiClient.Response twice = api.post("/api/meetings/" + meeting + "/attendance", chair,
                                            fields("organisationId", acme, "mode", "REMOTE"));
        expect(409, twice);
        assertThat(twice.json().path("detail").asText()).isEqualTo(
                "The attendance of Acme Networks at meeting \"Session 3\" is already recorded (in person); a mistake "
                        + "in it is corrected, not recorded again");

        for (ApiClient.Response refused : List.of(declared, absent, accommodated, twice)) {
            assertThat(refused.json().path("detail").asText()).doesNotContain(ministry, acme, university, objection,
                                                                              meeting, body);
        }
    }

    @Test
    void attendanceIsSwitchedAndWithdrawnByCorrectionsWithoutIfMatch() {
        String correction = "/api/meetings/" + meeting + "/attendance/" + acme + "/correction";
        expect(200, api.post(correction, chair, fields("mode", "REMOTE", "reason", "Attends remotely")));
        assertThat(api.get("/api/meetings/" + meeting, chair).json().path("attendance").path(acme).asText())
                .isEqualTo("REMOTE");

        expect(200, api.post(correction, secondChair, fields("reason", "Recorded by mistake")));
        assertThat(api.get("/api/meetings/" + meeting, chair).json().path("attendance").has(acme)).isFalse();

        ApiClient.Response nothing = api.post(correction, chair, fields("reason", "Again"));
        expect(409, nothing);
        assertThat(nothing.json().path("detail").asText()).isEqualTo(
                "No attendance of Acme Networks is recorded at meeting \"Session 3\": there is nothing to correct "
                        + "(record its attendance instead)");
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
