package org.consensusledger.command.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Everything a careless or hostile client can send gets the right 4xx problem response, naming the field or the rule,
 * and the log does not grow by a single event.
 */
class HostileInputTest extends CommandApiTest {

    private String member;
    private String outsider;
    private String memberDelegate;
    private String body;
    private String proposal;

    @BeforeEach
    void aBodyWithAProposal() {
        member = organisation("Open Rights Network", "CIVIL_SOCIETY");
        outsider = organisation("Acme Cloud", "PRIVATE_SECTOR");
        ApiClient.Response established = api.post("/api/bodies", secretariat, fields(
                "name", "Plenary", "kind", "PLENARY", "mandate", "Decide"));
        body = established.id();
        assertThat(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member))
                      .status()).isEqualTo(201);
        memberDelegate = delegateOf(member);
        ApiClient.Response submitted = api.post("/api/proposals", memberDelegate, fields(
                "bodyId", body, "proposedBy", member, "title", "Principle", "text", "Be fair."));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        proposal = submitted.id();
    }

    record Attempt(String what, int status, String field, ApiClient.Response response) {
    }

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndStoresNothing() {
        long before = storedEvents();
        String p = "/api/proposals/" + proposal;
        List<Attempt> attempts = new ArrayList<>();

        attempts.add(new Attempt("malformed JSON", 400, null,
                                 api.send("POST", p + "/support", memberDelegate, "{\"organisationId\": ")));
        attempts.add(new Attempt("not an object", 400, null,
                                 api.send("POST", p + "/support", memberDelegate, "[1, 2]")));
        attempts.add(new Attempt("wrong type", 400, "deadline",
                                 api.post(p + "/consensus-call", memberDelegate, fields("deadline", "tomorrow"))));
        attempts.add(new Attempt("unknown enum value", 400, "outcome",
                                 api.post(p + "/outcome", memberDelegate,
                                          fields("outcome", "UNANIMOUS", "rationale", "x"))));
        attempts.add(new Attempt("missing field", 400, "grounds",
                                 api.post(p + "/objections", memberDelegate, fields("organisationId", member))));
        attempts.add(new Attempt("blank field", 400, "text",
                                 api.post(p + "/concerns", memberDelegate,
                                          fields("organisationId", member, "text", "   "))));
        attempts.add(new Attempt("unknown field", 400, "organisation",
                                 api.post(p + "/support", memberDelegate, fields("organisation", member))));
        attempts.add(new Attempt("text over its limit", 400, "text",
                                 api.post(p + "/revisions", memberDelegate,
                                          fields("text", "x".repeat(100_001), "summary", "long"))));
        attempts.add(new Attempt("body over the request limit", 413, null,
                                 api.post(p + "/revisions", memberDelegate,
                                          fields("text", "x".repeat(600_000), "summary", "huge"))));
        attempts.add(new Attempt("unknown proposal", 404, null,
                                 api.post("/api/proposals/" + UUID.randomUUID() + "/support", memberDelegate,
                                          fields("organisationId", member))));
        attempts.add(new Attempt("unknown organisation", 404, null,
                                 api.post("/api/bodies/" + body + "/members", secretariat,
                                          fields("organisationId", UUID.randomUUID().toString()))));
        attempts.add(new Attempt("the id of a body where a proposal's belongs", 404, null,
                                 api.post("/api/proposals/" + body + "/support", memberDelegate,
                                          fields("organisationId", member))));
        attempts.add(new Attempt("the id of a proposal where a body's belongs", 404, null,
                                 api.post("/api/meetings", memberDelegate,
                                          fields("bodyId", proposal, "title", "Session",
                                                 "startsAt", "2026-01-01T10:00:00Z", "format", "VIRTUAL"))));
        attempts.add(new Attempt("unknown path", 404, null,
                                 api.post("/api/proposals/" + proposal + "/votes", memberDelegate, fields())));
        attempts.add(new Attempt("no token", 401, null,
                                 api.post(p + "/support", null, fields("organisationId", member))));
        attempts.add(new Attempt("bad token", 401, null,
                                 api.post(p + "/support", "clt_forged", fields("organisationId", member))));
        attempts.add(new Attempt("acting for another organisation", 403, null,
                                 api.post(p + "/objections", memberDelegate,
                                          fields("organisationId", outsider, "grounds", "I speak for Acme"))));
        attempts.add(new Attempt("a delegate declaring an outcome", 403, null,
                                 api.post(p + "/outcome", memberDelegate,
                                          fields("outcome", "ROUGH_CONSENSUS", "rationale", "We agree"))));
        attempts.add(new Attempt("a bad If-Match", 400, null,
                                 api.post(p + "/support", memberDelegate, fields("organisationId", member),
                                          "If-Match", "version-3")));
        attempts.add(new Attempt("a bad Idempotency-Key", 400, null,
                                 api.post(p + "/support", memberDelegate, fields("organisationId", member),
                                          "Idempotency-Key", "not a key")));

        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.response().status()).as(attempt.what() + ": " + attempt.response())
                                                   .isEqualTo(attempt.status());
            assertThat(attempt.response().header("Content-Type")).as(attempt.what())
                                                                 .startsWith("application/problem+json");
            assertThat(attempt.response().json().path("detail").asText()).as(attempt.what()).isNotBlank();
            if (attempt.field() != null) {
                assertThat(attempt.response().json().path("errors").findValuesAsText("field")).as(attempt.what())
                                                                                              .contains(attempt.field());
            }
        });
        assertThat(attempts.get(2).response().json().path("errors").get(0).path("message").asText())
                .isEqualTo("must be an ISO-8601 instant such as 2026-01-10T09:00:00Z, not tomorrow");
        assertThat(storedEvents()).isEqualTo(before);
    }
}
