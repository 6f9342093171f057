package org.consensusledger.command.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * What the meeting console reads, over HTTP: a body with its members' names, a meeting, a proposal as it stands
 * (what blocks a declaration, the dissent it would record, tallies), the body's agenda; each state with the version
 * a command's If-Match names.
 */
class ConsoleReadsTest extends CommandApiTest {

    private String ministry;
    private String rights;
    private String acme;
    private String body;
    private String chair;

    @BeforeEach
    void aBodyWithThreeMembers() {
        ministry = organisation("Ministry of Digital Affairs", "GOVERNMENT");
        rights = organisation("Open Rights", "CIVIL_SOCIETY");
        acme = organisation("Acme Networks", "PRIVATE_SECTOR");
        body = api.post("/api/bodies", secretariat, fields("name", "Data Governance", "kind", "PLENARY",
                                                           "mandate", "Recommend principles")).id();
        for (String member : new String[] {ministry, rights, acme}) {
            expect(201, api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member)));
        }
        expect(200, api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", rights)));
        chair = delegateOf(rights);
    }

    @Test
    void aBodyListsItsMembersByGroupWithNamesAndCoChairs() {
        ApiClient.Response response = api.get("/api/bodies/" + body, chair);

        expect(200, response);
        assertThat(response.header("ETag")).isEqualTo("\"4\"");
        JsonNode members = response.json().path("members");
        assertThat(members).hasSize(3);
        assertThat(members.get(0).path("name").asText()).isEqualTo("Ministry of Digital Affairs");
        assertThat(members.get(0).path("stakeholderGroup").asText()).isEqualTo("GOVERNMENT");
        assertThat(members.get(1).path("name").asText()).isEqualTo("Open Rights");
        assertThat(members.get(1).path("coChair").asBoolean()).isTrue();
        assertThat(members.get(2).path("coChair").asBoolean()).isFalse();
        assertThat(response.json().path("name").asText()).isEqualTo("Data Governance");
    }

    @Test
    void aMeetingShowsItsAttendanceAndVersion() {
        String meeting = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Session 1",
                                                                 "startsAt", "2026-12-01T09:00:00Z",
                                                                 "format", "VIRTUAL")).id();
        expect(200, api.post("/api/meetings/" + meeting + "/opening", chair, null));
        expect(200, api.post("/api/meetings/" + meeting + "/attendance", chair,
                             fields("organisationId", acme, "mode", "REMOTE")));

        ApiClient.Response response = api.get("/api/meetings/" + meeting, chair);

        expect(200, response);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.json().path("title").asText()).isEqualTo("Session 1");
        assertThat(response.json().path("status").asText()).isEqualTo("OPEN");
        assertThat(response.json().path("attendance").path(acme).asText()).isEqualTo("REMOTE");
        assertThat(response.json().path("checkpoint").isNull()).isTrue();
    }

    @Test
    void aProposalShowsWhatBlocksADeclarationTheDissentAndTheTallies() {
        String proposal = api.post("/api/proposals", chair, fields("bodyId", body, "proposedBy", rights,
                                                                   "title", "Minimise data", "text", "Collect less."))
                             .id();
        expect(200, api.post("/api/proposals/" + proposal + "/support", chair, fields("organisationId", rights)));
        expect(201, api.post("/api/proposals/" + proposal + "/concerns", chair,
                             fields("organisationId", acme, "text", "Costs")));
        String first = api.post("/api/proposals/" + proposal + "/objections", chair,
                                fields("organisationId", ministry, "grounds", "Interception")).id();
        String second = api.post("/api/proposals/" + proposal + "/objections", chair,
                                 fields("organisationId", acme, "grounds", "Unworkable")).id();
        expect(200, api.post("/api/proposals/" + proposal + "/objections/" + first + "/disposition", chair,
                             fields("disposition", "NOT_ACCOMMODATED", "reasons", "Out of scope")));

        ApiClient.Response response = api.get("/api/proposals/" + proposal, chair);

        expect(200, response);
        assertThat(response.header("ETag")).isEqualTo("\"5\"");
        JsonNode state = response.json();
        assertThat(state.path("title").asText()).isEqualTo("Minimise data");
        assertThat(state.path("textVersion").asInt()).isEqualTo(1);
        assertThat(state.path("status").asText()).isEqualTo("OPEN");
        assertThat(state.path("positions").path(rights).asText()).isEqualTo("SUPPORT");
        assertThat(state.path("concerns").get(0).path("text").asText()).isEqualTo("Costs");
        assertThat(state.path("blocking").asInt()).as("the second objection has no disposition").isEqualTo(1);
        assertThat(state.path("objections").get(1).path("objectionId").asText()).isEqualTo(second);
        assertThat(state.path("dissent")).hasSize(1);
        assertThat(state.path("dissent").get(0).path("organisationId").asText()).isEqualTo(ministry);
        assertThat(state.path("dissent").get(0).path("reasons").asText()).isEqualTo("Out of scope");
        assertThat(state.path("tallies").findValuesAsText("stakeholderGroup"))
                .containsExactly("GOVERNMENT", "CIVIL_SOCIETY", "PRIVATE_SECTOR");
        assertThat(state.path("tallies").get(2).path("objections").asInt()).isEqualTo(1);
        assertThat(state.path("tallies").get(2).path("concerns").asInt()).isEqualTo(1);

        // The version read is the one a command names in If-Match: a stale one is refused.
        expect(412, api.post("/api/proposals/" + proposal + "/support", chair, fields("organisationId", acme),
                             "If-Match", "\"4\""));
        expect(200, api.post("/api/proposals/" + proposal + "/support", chair, fields("organisationId", acme),
                             "If-Match", response.header("ETag")));
    }

    @Test
    void theAgendaListsTheBodysProposalsInOrderWithWhereEachStands() {
        String first = api.post("/api/proposals", chair, fields("bodyId", body, "proposedBy", rights,
                                                                "title", "First", "text", "One")).id();
        String second = api.post("/api/proposals", chair, fields("bodyId", body, "proposedBy", rights,
                                                                 "title", "Second", "text", "Two")).id();
        expect(200, api.post("/api/proposals/" + second + "/outcome", chair,
                             fields("outcome", "DEFERRED", "rationale", "Later")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode agenda = api.get("/api/bodies/" + body + "/proposals", chair).json();
            assertThat(agenda.findValuesAsText("proposalId")).containsExactly(first, second);
            assertThat(agenda.findValuesAsText("title")).containsExactly("First", "Second");
            assertThat(agenda.findValuesAsText("status")).containsExactly("OPEN", "DEFERRED");
        });
    }

    @Test
    void unknownIdsAreNotFoundProblems() {
        for (String path : new String[] {"/api/bodies/nope", "/api/meetings/nope", "/api/proposals/nope",
                                         "/api/bodies/nope/proposals"}) {
            ApiClient.Response response = api.get(path, chair);
            expect(404, response);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("detail").asText()).contains("nope");
        }
        // A body's id where a proposal's belongs is not a proposal.
        expect(404, api.get("/api/proposals/" + body, chair));
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
