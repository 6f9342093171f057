package org.consensusledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.command.shared.NextStep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description is public, describes every command resource, and says how to authenticate; Swagger UI is
 * off unless enabled.
 */
class OpenApiTest extends CommandApiTest {

    @Test
    void theDescriptionListsEveryCommandResource() {
        ApiClient.Response response = api.get("/v3/api-docs", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode paths = response.json().path("paths");
        List<String> described = new ArrayList<>();
        paths.fieldNames().forEachRemaining(described::add);
        assertThat(described).contains(
                "/api/accounts", "/api/accounts/{accountId}", "/api/accounts/me/token",
                "/api/accounts/{accountId}/token", "/api/organisations", "/api/bodies",
                "/api/bodies/{id}/co-chairs", "/api/bodies/{id}/co-chairs/{orgId}", "/api/bodies/{id}/members",
                "/api/meetings", "/api/meetings/{id}/opening", "/api/meetings/{id}/attendance",
                "/api/meetings/{id}/closing", "/api/proposals", "/api/proposals/{id}/revisions",
                "/api/proposals/{id}/consensus-call", "/api/proposals/{id}/support",
                "/api/proposals/{id}/stand-asides", "/api/proposals/{id}/concerns", "/api/proposals/{id}/objections",
                "/api/proposals/{id}/objections/{oid}/disposition", "/api/proposals/{id}/objections/{oid}/withdrawal",
                "/api/proposals/{id}/outcome", "/api/proposals/{id}/withdrawal", "/api/proposals/{id}/reopening",
                "/api/proposals/{id}/appeals", "/api/proposals/{id}/appeals/{aid}/decision", "/api/corrections",
                "/api/bodies/{id}/consensus-call-limit", "/api/meetings/{id}/agenda",
                "/api/meetings/{id}/attendance/{orgId}/correction", "/api/proposals/{id}/consensus-call/ending",
                "/api/proposals/{id}/concerns/{cid}/answers", "/api/proposals/{id}/objections/{oid}/reconsideration");
        assertThat(response.json().path("components").path("securitySchemes").path("token").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(response.text()).doesNotContain("\"actor\"");
    }

    @Test
    void everyNextStepARefusalNamesIsADescribedCommand() {
        JsonNode paths = api.get("/v3/api-docs", null).json().path("paths");

        for (NextStep.Action action : NextStep.Action.values()) {
            assertThat(paths.path(NextSteps.template(action)).has("post")).as(action.name()).isTrue();
        }
    }

    @Test
    void swaggerUiIsOffUnlessEnabled() {
        for (String path : List.of("/swagger-ui.html", "/swagger-ui/index.html")) {
            ApiClient.Response response = api.get(path, null);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(200);
    }
}
