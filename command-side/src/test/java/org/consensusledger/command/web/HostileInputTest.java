package org.consensusledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.web.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Everything a careless or hostile client can send gets the right 4xx problem response, naming the field or the rule,
 * and the log does not grow by a single event: strict JSON, instants within the window, texts without control,
 * bidirectional or non-Unicode characters (stored NFC, hashed over the stored bytes), media types decided before the
 * command, valid problem types, problems for what Tomcat and Spring answer themselves, refusals logged in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest extends CommandApiTest {

    private static final String WINDOW = "must lie between 1970-01-01T00:00:00Z (inclusive) and 2200-01-01T00:00:00Z "
            + "(exclusive)";

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

    @Test
    void strictJsonRefusesWhatItWouldOtherwiseConvert() {
        long before = storedEvents();
        String p = "/api/proposals/" + proposal;

        refused(api.send("POST", "/api/organisations", secretariat,
                         "{\"name\": true, \"stakeholderGroup\": \"ACADEMIA\"}"),
                "name", "must be a text in quotes, not true or false");
        refused(api.post("/api/organisations", secretariat, fields("name", 42, "stakeholderGroup", "ACADEMIA")),
                "name", "must be a text in quotes, not a number");
        refused(api.post("/api/organisations", secretariat,
                         fields("name", List.of("A"), "stakeholderGroup", "ACADEMIA")),
                "name", "not a list");
        refused(api.post("/api/organisations", secretariat,
                         fields("name", Map.of("$gt", ""), "stakeholderGroup", "ACADEMIA")), "name", "not an object");
        refused(api.post("/api/organisations", secretariat, fields("name", "Acme", "stakeholderGroup", 3)),
                "stakeholderGroup", "must be one of [GOVERNMENT, CIVIL_SOCIETY, PRIVATE_SECTOR");
        refused(api.post(p + "/objections/" + UUID.randomUUID() + "/disposition", secretariat,
                         fields("disposition", "ACCOMMODATED", "accommodatingVersion", "2")),
                "accommodatingVersion", "must be a whole number");
        refused(api.post(p + "/objections/" + UUID.randomUUID() + "/disposition", secretariat,
                         fields("disposition", "ACCOMMODATED", "accommodatingVersion", 2.5)),
                "accommodatingVersion", "must be a whole number");
        refused(api.post("/api/corrections", secretariat, fields("aggregateId", proposal, "sequenceNumber", 0.0,
                                                                 "whatIsWrong", "x", "correction", "y")),
                "sequenceNumber", "must be a whole number");
        refused(api.send("POST", "/api/organisations", secretariat,
                         "{\"name\": \"A\", \"name\": \"B\", \"stakeholderGroup\": \"ACADEMIA\"}"),
                "name", "is given more than once");
        refused(api.send("POST", "/api/organisations", secretariat,
                         "{\"name\": \"A\", \"stakeholderGroup\": \"ACADEMIA\"} {}"),
                "(body)", "nothing after it");
        refused(api.post("/api/organisations", secretariat,
                         fields("name", "A", "stakeholderGroup", "ACADEMIA", "colour", "red")),
                "colour", "is not a field of this request");
        refused(api.post("/api/meetings", secretariat, fields("bodyId", body, "title", "S", "startsAt", 1767225600,
                                                              "format", "VIRTUAL")), "startsAt", "ISO-8601");
        ApiClient.Response trailingGarbage = api.send("POST", "/api/organisations", secretariat,
                                                      "{\"name\": \"A\", \"stakeholderGroup\": \"ACADEMIA\"} x");
        assertProblem(trailingGarbage, 400, "malformed-json");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void instantsOutsideTheWindowAreRefusedAndItsEdgesKept() {
        assertThat(api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", member))
                      .status()).isEqualTo(200);
        long before = storedEvents();
        String p = "/api/proposals/" + proposal;

        for (String instant : List.of("+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                                      "2200-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z")) {
            refused(api.post("/api/meetings", memberDelegate, fields("bodyId", body, "title", "Session",
                                                                     "startsAt", instant, "format", "VIRTUAL")),
                    "startsAt", WINDOW);
            refused(api.post(p + "/concerns", memberDelegate,
                             fields("organisationId", member, "text", "Hm", "occurredAt", instant)),
                    "occurredAt", WINDOW);
            refused(api.post(p + "/consensus-call", memberDelegate, fields("deadline", instant)), "deadline", WINDOW);
        }
        assertThat(storedEvents()).isEqualTo(before);
        ApiClient.Response earliest = api.post("/api/meetings", memberDelegate, fields(
                "bodyId", body, "title", "Session", "startsAt", "1970-01-01T00:00:00Z", "format", "VIRTUAL"));
        assertThat(earliest.status()).as(earliest.toString()).isEqualTo(201);
    }

    @Test
    void textsWithControlBidiOrNonUnicodeCharactersAreRefusedNamingTheCharacter() {
        long before = storedEvents();
        Map<String, String> refusedTexts = Map.of("Acme\\u0007", "U+0007", "Acme\\u0085", "U+0085",
                                                  "Acme\\ud800", "U+D800", "a\\u202eb", "U+202E",
                                                  "a\\u2066b", "U+2066", "Acme\\uffff", "U+FFFF",
                                                  "Acme\\u0000", "U+0000");
        refusedTexts.forEach((name, codePoint) -> {
            ApiClient.Response response = api.send("POST", "/api/organisations", secretariat,
                                                   "{\"name\": \"" + name + "\", \"stakeholderGroup\": \"ACADEMIA\"}");
            refused(response, "name", codePoint);
            assertThat(response.text()).as(name).doesNotContain(new String(new char[] {
                    (char) Integer.parseInt(codePoint.substring(2), 16)}));
        });
        refused(api.delete("/api/bodies/" + body + "/co-chairs/abc%07", secretariat), "orgId", "U+0007");
        refused(api.delete("/api/bodies/" + body + "/co-chairs/" + member + "?reason=a%E2%80%AEb", secretariat),
                "reason", "U+202E");
        refused(api.post("/api/proposals/" + proposal + "%C2%85/support", memberDelegate,
                         fields("organisationId", member)), "id", "U+0085");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void textsAreStoredNfcWithLineBreaksAsLfAndHashedOverTheStoredBytes() throws Exception {
        ApiClient.Response submitted = api.post("/api/proposals", memberDelegate, fields(
                "bodyId", body, "proposedBy", member, "title", "Re\u0301sume\u0301",
                "text", "Cafe\u0301 au lait\r\nsecond line\rthird, Ａ and \u212B"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);

        DomainEventMessage<?> first = eventStore.readEvents(submitted.id()).next();
        ProposalSubmitted stored = (ProposalSubmitted) first.getPayload();
        assertThat(stored.title()).isEqualTo("R\u00e9sum\u00e9");
        assertThat(stored.text()).isEqualTo("Caf\u00e9 au lait\nsecond line\nthird, Ａ and \u00c5")
                                 .matches(text -> Normalizer.isNormalized(text, Normalizer.Form.NFC));
        assertThat(stored.textSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(stored.text().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void mediaTypesAreDecidedBeforeTheCommandAndUseUpNoIdempotencyKey() {
        long before = storedEvents();
        String key = UUID.randomUUID().toString();
        Map<String, Object> organisation = fields("name", "Negotiated", "stakeholderGroup", "ACADEMIA");

        assertProblem(api.post("/api/organisations", secretariat, organisation, "Accept", "application/xml",
                               "Idempotency-Key", key), 406, "not-acceptable");
        assertProblem(api.post("/api/organisations", secretariat, organisation, "Accept", "application/json;q=0",
                               "Idempotency-Key", key), 406, "not-acceptable");
        assertProblem(api.post("/api/organisations", secretariat, organisation, "Accept", "application/problem+json",
                               "Idempotency-Key", key), 406, "not-acceptable");
        assertProblem(api.post("/api/organisations", secretariat, organisation, "Content-Type", "text/plain",
                               "Idempotency-Key", key), 415, "unsupported-media-type");
        assertProblem(api.post("/api/organisations", secretariat, organisation, "Content-Type",
                               "application/json;charset=ISO-8859-1", "Idempotency-Key", key),
                      415, "unsupported-media-type");
        assertProblem(api.post("/api/organisations", secretariat, organisation, "Content-Type", "application/xml",
                               "Idempotency-Key", key), 415, "unsupported-media-type");
        assertThat(storedEvents()).isEqualTo(before);

        ApiClient.Response accepted = api.post("/api/organisations", secretariat, organisation,
                                               "Accept", "application/xml;q=0.9, */*;q=0.1", "Idempotency-Key", key);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.header("Idempotency-Replayed")).isNull();
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void problemTypesAreValidEvenForThingsNamedInWords() {
        long before = storedEvents();
        ApiClient.Response response = api.post("/api/proposals/" + proposal + "/appeals/" + UUID.randomUUID()
                                                       + "/decision", secretariat,
                                               fields("decision", "DISMISSED", "reasons", "No appeal is open"));

        assertProblem(response, 404, "unknown-open-appeal");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void whatNoControllerAnswersIsAProblemToo() {
        assertProblem(api.get("/api/nothing-here", secretariat), 404, "not-found");
        // The actuator is on the management port: on the public one, only /livez and /readyz.
        assertProblem(api.get("/actuator/nothing-here", null), 404, "not-found");
        assertProblem(api.get("/actuator/health", null), 404, "not-found");
        assertProblem(api.get("/actuator/health/nothing-here", null), 404, "not-found");
        assertProblem(api.send("POST", "/readyz", null, "{}"), 405, "method-not-allowed");
        ApiClient.Response wrongMethod = api.send("PUT", "/api/organisations", secretariat, "{}");
        assertProblem(wrongMethod, 405, "method-not-allowed");
        assertThat(wrongMethod.header("Allow")).contains("POST");

        List<String> malformed = List.of("GET /api/bodies/%zz HTTP/1.1\r\nHost: x\r\n",
                                         "GET /api/bo\u0001dies HTTP/1.1\r\nHost: x\r\n",
                                         "GET /api/bodies/a\"b HTTP/1.1\r\nHost: x\r\n",
                                         "GET /api/bodies HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n",
                                         "GET /api/bodies HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n",
                                         "G@T /api/bodies HTTP/1.1\r\nHost: x\r\n",
                                         "GET /api/bodies/%ED%A0%80 HTTP/1.1\r\nHost: x\r\n",
                                         "GET /api/bodies/..%2F..%2Fetc HTTP/1.1\r\nHost: x\r\n");
        for (String request : malformed) {
            RawHttp.Answer answer = RawHttp.send(port, request);
            assertThat(answer.status()).as(request).isBetween(400, 499);
            assertThat(answer.contentType()).as(request + answer).startsWith("application/problem+json");
            assertThat(answer.body()).as(request).contains("\"type\":\"urn:consensus-ledger:problem:",
                                                            "\"status\":" + answer.status())
                                     .doesNotContain("Tomcat", "<html");
        }
    }

    @Test
    void refusalsAreLoggedInOneLineWithoutStackTraceAndLogSafe(CapturedOutput output) {
        String unknown = UUID.randomUUID().toString();
        assertThat(api.post("/api/proposals/" + unknown + "/support", memberDelegate, fields("organisationId", member))
                      .status()).isEqualTo(404);
        assertThat(api.post("/api/bodies/" + body + "/members", secretariat,
                            fields("organisationId", "x\nforged INFO line")).status()).isEqualTo(404);

        assertThat(output.getOut()).contains("404 POST /api/proposals/" + unknown + "/support")
                                   .contains("There is no organisation x\\nforged INFO line")
                                   .doesNotContain("AggregateNotFoundException", "\tat org.axonframework");
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("forged"));
    }

    private static void refused(ApiClient.Response response, String field, String message) {
        assertProblem(response, 400, "invalid-request");
        JsonNode errors = response.json().path("errors");
        assertThat(errors.findValuesAsText("field")).as(response.toString()).contains(field);
        for (JsonNode error : errors) {
            if (error.path("field").asText().equals(field)) {
                assertThat(error.path("message").asText()).as(response.toString()).contains(message);
            }
        }
    }

    private static void assertProblem(ApiClient.Response response, int status, String name) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:consensus-ledger:problem:" + name);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }
}
