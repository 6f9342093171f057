package org.consensusledger.command.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/** GET /api/proposals/{id}/latest-change: what the latest revision changed, word by word, for the projector view. */
class LatestChangeApiTest extends CommandApiTest {

    @Test
    void theLatestRevisionIsToldWordByWordWithTheProposalsVersion() {
        String rights = organisation("Open Rights", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Change Plenary", "kind", "PLENARY",
                                                                  "mandate", "Decide")).id();
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", rights));
        api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", rights));
        String chair = delegateOf(rights);
        String proposal = api.post("/api/proposals", chair, fields("bodyId", body, "proposedBy", rights,
                                                                   "title", "Retention", "text",
                                                                   "Keep data for a year.")).id();

        JsonNode first = api.get("/api/proposals/" + proposal + "/latest-change", chair).json();
        assertThat(first.path("fromVersion").asInt()).isEqualTo(1);
        assertThat(first.path("toVersion").asInt()).isEqualTo(1);
        assertThat(first.path("parts").toString()).isEqualTo("[{\"kind\":\"SAME\",\"text\":\"Keep data for a year.\"}]");

        api.post("/api/proposals/" + proposal + "/revisions", chair, fields("text", "Keep data for a month.",
                                                                           "summary", "shorter"));
        ApiClient.Response revised = api.get("/api/proposals/" + proposal + "/latest-change", chair);
        assertThat(revised.status()).isEqualTo(200);
        assertThat(revised.header("ETag")).isEqualTo("\"1\"");
        assertThat(revised.json().path("fromVersion").asInt()).isEqualTo(1);
        assertThat(revised.json().path("toVersion").asInt()).isEqualTo(2);
        assertThat(revised.json().path("parts").toString()).isEqualTo(
                "[{\"kind\":\"SAME\",\"text\":\"Keep data for a \"},{\"kind\":\"REMOVED\",\"text\":\"year.\"},"
                        + "{\"kind\":\"ADDED\",\"text\":\"month.\"}]");

        ApiClient.Response unknown = api.get("/api/proposals/nope/latest-change", chair);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("type").asText()).endsWith("unknown-proposal");
    }
}
