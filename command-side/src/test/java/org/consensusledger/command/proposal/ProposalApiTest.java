package org.consensusledger.command.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/** The proposal endpoints the end-to-end meeting does not go through, over HTTP. */
class ProposalApiTest extends CommandApiTest {

    private String member;
    private String memberDelegate;
    private String chair;
    private String proposal;

    @BeforeEach
    void anOpenProposal() {
        String ministry = organisation("Ministry", "GOVERNMENT");
        member = organisation("Open Rights", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY",
                                                                  "mandate", "Decide")).id();
        expect(201, api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", ministry)));
        expect(200, api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", ministry)));
        memberDelegate = delegateOf(member);
        expect(201, api.post("/api/bodies/" + body + "/members", memberDelegate, fields("organisationId", member)));
        chair = delegateOf(ministry);
        proposal = "/api/proposals/" + api.post("/api/proposals", memberDelegate, fields(
                "bodyId", body, "proposedBy", member, "title", "Principle", "text", "Be fair.")).id();
    }

    @Test
    void aStandAsideAndAnObjectionWithdrawnByItsObjector() {
        expect(200, api.post(proposal + "/stand-asides", memberDelegate,
                             fields("organisationId", member, "reason", "Not our field")));
        ApiClient.Response objection = api.post(proposal + "/objections", memberDelegate,
                                                fields("organisationId", member, "grounds", "Too vague"));
        expect(201, objection);
        assertThat(objection.header("Location")).isEqualTo(proposal + "/objections/" + objection.id());

        ApiClient.Response withdrawn = api.post(proposal + "/objections/" + objection.id() + "/withdrawal",
                                                memberDelegate, null);

        expect(200, withdrawn);
        assertThat(withdrawn.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void aConsensusCallWithoutABodyThenNoOutcomeBeforeItsDeadline() {
        expect(200, api.post(proposal + "/consensus-call", chair, null));
        expect(409, api.post(proposal + "/consensus-call", chair,
                             fields("deadline", "2199-01-01T00:00:00Z")));
    }

    @Test
    void aDeferredProposalIsReopenedThenWithdrawnByItsProposer() {
        expect(200, api.post(proposal + "/outcome", chair, fields("outcome", "DEFERRED", "rationale", "Later")));
        ApiClient.Response refused = api.post(proposal + "/support", memberDelegate, fields("organisationId", member));
        expect(409, refused);
        assertThat(refused.json().path("rule").asText()).isEqualTo("proposal-deferred");
        // The detail is for people and names no route; where to go next is a member of its own, for clients.
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("Proposal \"Principle\" is deferred and cannot be supported: a co-chair reopens it first");
        assertThat(refused.json().path("next")).hasSize(1);
        JsonNode reopening = refused.json().path("next").get(0);
        assertThat(reopening.path("action").asText()).isEqualTo("reopening");
        assertThat(reopening.path("method").asText()).isEqualTo("POST");
        assertThat(reopening.path("href").asText()).isEqualTo(proposal + "/reopening");
        expect(200, api.post(reopening.path("href").asText(), chair, fields("reason", "Review done")));
        long before = storedEvents();

        expect(403, api.post(proposal + "/withdrawal", chair, fields("reason", "Not mine")));
        assertThat(storedEvents()).isEqualTo(before);
        expect(200, api.post(proposal + "/withdrawal", memberDelegate, fields("reason", "Superseded")));
        ApiClient.Response afterwards = api.post(proposal + "/support", memberDelegate,
                                                 fields("organisationId", member));
        expect(409, afterwards);
        assertThat(afterwards.json().path("detail").asText()).endsWith("only a record correction is accepted");
        assertThat(afterwards.json().path("next").toString())
                .isEqualTo("[{\"action\":\"correction\",\"method\":\"POST\",\"href\":\"/api/corrections\"}]");
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
