package org.consensusledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.web.HostileRequests;
import org.consensusledger.web.RawHttp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Every operation of the command API's own OpenAPI description, sent every hostile request {@link HostileRequests}
 * makes for it (with the secretariat's token, so that refusals come from the rules, not from authentication): no
 * answer is a 5xx, every refusal is a problem response whose {@code status} is the response's, and no refused request
 * stores an event. Then the requests no HTTP client sends (a malformed request line, control characters in headers),
 * over a socket; and the application is still healthy.
 */
class HostileApiTest extends CommandApiTest {

    @Test
    void noHostileRequestGetsA5xxOrAnythingButAProblemOrStoresAnything() {
        Map<String, String> ids = ledgerToAttack();
        JsonNode description = api.get("/v3/api-docs", null).json();
        List<HostileRequests.Request> requests = HostileRequests.of(description, (template, parameter) ->
                validValue(ids, template, parameter));
        assertThat(requests).hasSizeGreaterThan(1_000);

        List<String> failures = new ArrayList<>();
        for (HostileRequests.Request request : requests) {
            long before = storedEvents();
            boolean ownAuthorization = request.headers().containsKey("Authorization");
            List<String> headers = new ArrayList<>();
            request.headers().forEach((name, value) -> {
                headers.add(name);
                headers.add(value);
            });
            ApiClient.Response response = api.send(request.method(), request.path(),
                                                   ownAuthorization ? null : secretariat, request.body(),
                                                   headers.toArray(String[]::new));
            String problem = problemIn(response);
            if (problem != null) {
                failures.add(request + " -> " + response.status() + ": " + problem);
            }
            if (response.status() >= 400 && storedEvents() != before) {
                failures.add(request + " -> " + response.status() + " but stored " + (storedEvents() - before)
                                     + " events");
            }
        }
        assertThat(failures).as("%d of %d hostile requests", failures.size(), requests.size()).isEmpty();
        assertThat(api.get("/readyz", null).json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void requestsNoHttpClientSendsAreProblemsAndStoreNothing() {
        long before = storedEvents();
        String auth = "Authorization: Bearer " + secretariat + "\r\n";
        String json = "Content-Type: application/json\r\n";
        List<String> requests = List.of(
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + json + "Idempotency-Key: a\u0007b\r\n"
                        + "Content-Length: 2\r\n\r\n{}",
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + json + "If-Match: \"1\u0000\"\r\n"
                        + "Content-Length: 2\r\n\r\n{}",
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + json + "Content-Length: 20\r\n\r\n"
                        + "{\"name\":\"\u00ff\u00fe\"}",
                "POST /api/org%anisations HTTP/1.1\r\nHost: x\r\n" + auth,
                "POST /api/organisations?x=%zz HTTP/1.1\r\nHost: x\r\n" + auth,
                "POST /api/organisations\u0000 HTTP/1.1\r\nHost: x\r\n" + auth,
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: -1\r\n",
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 1\r\nContent-Length: 2\r\n",
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\nHost: y\r\n" + auth,
                "POST /api/organisations HTTP/1.1\r\nHost: x\r\n" + auth + "Transfer-Encoding: chunked\r\n"
                        + json + "\r\nzz\r\n",
                "POST /api/organisations HTTP/9.9\r\nHost: x\r\n" + auth);
        for (String raw : requests) {
            RawHttp.Answer answer = RawHttp.send(port, raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(raw + " -> " + answer).isBetween(400, 599).isNotIn(500, 502, 503, 504);
            assertThat(answer.contentType()).as(raw + " -> " + answer).startsWith("application/problem+json");
            assertThat(answer.body()).as(raw).contains("\"type\":\"urn:consensus-ledger:problem:",
                                                       "\"status\":" + answer.status());
        }
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.get("/readyz", null).json().path("status").asText()).isEqualTo("UP");
    }

    /** Null when the answer is as it must be; else what is wrong with it. */
    static String problemIn(ApiClient.Response response) {
        if (response.status() >= 500) {
            return "a 5xx: " + abbreviated(response.text());
        }
        if (response.status() < 400) {
            return null;
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "not a problem (" + type + "): " + abbreviated(response.text());
        }
        JsonNode problem = response.json();
        if (!problem.path("type").asText().startsWith("urn:consensus-ledger:problem:")
                || problem.path("status").asInt() != response.status() || problem.path("detail").asText().isBlank()) {
            return "an incomplete problem: " + abbreviated(response.text());
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A plenary with a member, a meeting, a proposal with an objection, and an account to revoke. */
    private Map<String, String> ledgerToAttack() {
        String member = organisation("Hostile Member", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Hostile plenary", "kind", "PLENARY",
                                                                  "mandate", "Withstand")).id();
        assertThat(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member))
                      .status()).isEqualTo(201);
        String meeting = api.post("/api/meetings", secretariat, fields("bodyId", body, "title", "Session",
                                                                       "startsAt", "2026-01-10T09:00:00Z",
                                                                       "format", "VIRTUAL")).id();
        String proposal = api.post("/api/proposals", secretariat, fields("bodyId", body, "proposedBy", member,
                                                                         "title", "Principle", "text", "Text")).id();
        String objection = api.post("/api/proposals/" + proposal + "/objections", secretariat,
                                    fields("organisationId", member, "grounds", "Grounds")).id();
        String account = api.post("/api/accounts", secretariat, fields("kind", "DELEGATE", "organisationId", member,
                                                                       "label", "Throwaway")).json()
                            .path("accountId").asText();
        return Map.of("body", body, "member", member, "meeting", meeting, "proposal", proposal,
                      "objection", objection, "account", account);
    }

    private static String validValue(Map<String, String> ids, String template, String parameter) {
        return switch (parameter) {
            case "path:id" -> template.startsWith("/api/bodies") ? ids.get("body")
                    : template.startsWith("/api/meetings") ? ids.get("meeting") : ids.get("proposal");
            case "path:orgId", "body:organisationId", "body:proposedBy", "body:appellant" -> ids.get("member");
            case "path:oid" -> ids.get("objection");
            case "path:aid" -> UUID.randomUUID().toString();
            case "path:accountId" -> ids.get("account");
            case "body:bodyId", "body:parentBodyId" -> ids.get("body");
            case "body:meetingId" -> ids.get("meeting");
            case "body:aggregateId" -> ids.get("proposal");
            default -> null;
        };
    }
}
