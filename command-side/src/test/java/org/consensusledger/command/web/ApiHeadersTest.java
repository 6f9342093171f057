package org.consensusledger.command.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of the JSON API carries {@code X-Content-Type-Options: nosniff} (and {@code Referrer-Policy}):
 * successes, problems from the controllers, refusals by the filters before them (no token, a wrong content type),
 * an unknown address. The console keeps its own policy.
 */
class ApiHeadersTest extends CommandApiTest {

    @Test
    void everyKindOfApiAnswerCarriesNosniff() {
        List<ApiClient.Response> answers = List.of(
                api.get("/api/accounts/me", secretariat),                          // 200
                api.post("/api/organisations", secretariat, Map.of("name", "")),  // 400 problem
                api.get("/api/organisations/no-such-one", secretariat),           // 404 problem
                api.get("/api/accounts/me", null),                                // 401 from the filter
                api.send("POST", "/api/organisations", secretariat, "x", "Content-Type", "text/plain"), // 415
                api.get("/api/no-such-address", secretariat));                    // 404
        assertThat(answers).extracting(ApiClient.Response::status)
                           .containsExactly(200, 400, 404, 401, 415, 404);
        for (ApiClient.Response answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).as(answer.toString()).isEqualTo("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(answer.toString()).isEqualTo("no-referrer");
        }
    }

    @Test
    void theConsoleKeepsItsOwnPolicy() {
        ApiClient.Response signIn = api.get("/console/sign-in", null);

        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(signIn.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(signIn.header("Referrer-Policy")).isEqualTo("same-origin");
    }
}
