package org.consensusledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypesTest {

    @Test
    void everyNameMakesAValidType() {
        assertThat(ProblemTypes.type("unknown-open appeal"))
                .hasToString("urn:consensus-ledger:problem:unknown-open-appeal");
        assertThat(ProblemTypes.type("Ünknown/ thing?\n")).hasToString("urn:consensus-ledger:problem:nknown-thing");
        assertThat(ProblemTypes.type("")).hasToString("urn:consensus-ledger:problem:problem");
        assertThat(ProblemTypes.type(null)).hasToString("urn:consensus-ledger:problem:problem");
    }

    @Test
    void theServersOwnProblemsAreValidJson() throws Exception {
        String json = ProblemTypes.json(400, "malformed-request", "Malformed \"request\"", "a\\b\n\u0007\uD800");
        var problem = new ObjectMapper().readTree(json);
        assertThat(problem.path("type").asText()).isEqualTo("urn:consensus-ledger:problem:malformed-request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isEqualTo("Malformed \"request\"");
        assertThat(problem.path("detail").asText()).isEqualTo("a\\b\n\u0007\uD800");
    }
}
