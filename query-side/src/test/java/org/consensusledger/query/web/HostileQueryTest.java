package org.consensusledger.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.selfcheck.Report;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.consensusledger.web.HostileRequests;
import org.consensusledger.web.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every operation of the query side's own OpenAPI description and every page of the public site, sent every hostile
 * request {@link HostileRequests} makes for it, with ids of a body, meeting and decided proposal the read models hold:
 * no answer is a 5xx, every refusal on {@code /api/**} is a problem whose {@code status} is the response's, every
 * refused page an HTML page; nothing is added to the log; afterwards the query side is ready and a full self-check
 * pass finds every read model as the log says. Then the requests no HTTP client sends, over a socket.
 */
class HostileQueryTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private LedgerEventStorageEngine log;

    @Autowired
    private SelfCheck selfCheck;

    private String body;
    private String meeting;
    private String proposal;
    private String member;

    @BeforeEach
    void aBodyWithAMeetingAndADecision() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        body = "hostile-wg-" + run;
        meeting = "hostile-m-" + run;
        proposal = "hostile-p-" + run;
        member = "hostile-org-" + run;
        append("Organisation", member, new OrganisationRegistered(member, "Member", StakeholderGroup.ACADEMIA, null));
        append("Body", body, new BodyEstablished(body, "Hostile " + run, BodyKind.PLENARY, null, "Withstand"));
        append("Body", body, new MemberAdmitted(body, member, StakeholderGroup.ACADEMIA, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Session", AT, MeetingFormat.VIRTUAL, null));
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, member, "Principle " + run, "Text",
                                                           "sha", null, AT));
        append("Proposal", proposal, new RoughConsensusDeclared(
                proposal, body, 1, "sha", "Agreed", List.of(),
                List.of(new GroupTally(StakeholderGroup.ACADEMIA, 1, 0, 0, 1)), member, null, AT));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/public/proposals/" + proposal).statusCode() == 200
                && get("/api/public/meetings/" + meeting).statusCode() == 200);
    }

    @Test
    void noHostileRequestGetsA5xxAndEveryRefusalIsAProblemOrAPage() throws Exception {
        long events = log.nextGlobalPosition();
        JsonNode description = json(get("/v3/api-docs"));
        List<HostileRequests.Request> api = HostileRequests.of(description, this::validValue);
        List<HostileRequests.Request> site = new ArrayList<>();
        site.addAll(HostileRequests.forPage("/", List.of(), List.of(), List.of(), this::validValue));
        site.addAll(HostileRequests.forPage("/bodies/{id}", List.of(), List.of("asOf"), List.of(), this::validValue));
        site.addAll(HostileRequests.forPage("/bodies/{id}/engagement", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/proposals", List.of("q", "body", "status", "outcome"), List.of(),
                                            List.of("page"), this::validValue));
        site.addAll(HostileRequests.forPage("/proposals/{id}", List.of(), List.of("asOf"), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/proposals/{id}/timeline", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/meetings/{id}", List.of(), List.of(), List.of(), this::validValue));
        site.addAll(HostileRequests.forPage("/organisations/{id}", List.of(), List.of(), List.of("page"),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/feeds/decisions.atom", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/feeds/bodies/{id}/decisions.atom", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/bodies/{id}/meetings.atom", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/proposals/{id}/steps.atom", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/bodies/{id}/calendar.ics", List.of(), List.of(), List.of(),
                                            this::validValue));
        site.addAll(HostileRequests.forPage("/open-data", List.of(), List.of(), List.of(), this::validValue));
        assertThat(api).hasSizeGreaterThan(300);

        List<String> failures = new ArrayList<>();
        for (HostileRequests.Request request : api) {
            String wrong = problemIn(send(request));
            if (wrong != null) {
                failures.add(request + " -> " + wrong);
            }
        }
        for (HostileRequests.Request request : site) {
            String wrong = pageProblemIn(send(request));
            if (wrong != null) {
                failures.add(request + " -> " + wrong);
            }
        }
        assertThat(failures).as("%d of %d hostile requests", failures.size(), api.size() + site.size()).isEmpty();
        assertThat(log.nextGlobalPosition()).isEqualTo(events);
        assertThat(get("/livez").statusCode()).isEqualTo(200);
        assertThat(get("/api/public/proposals/" + proposal).statusCode()).isEqualTo(200);
        assertThat(get("/bodies/" + body).statusCode()).isEqualTo(200);
        // Ready, and every read model still what the log says, derived again by a full self-check pass.
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/readyz").statusCode() == 200);
        Report report = selfCheck.runFullPass().get(2, TimeUnit.MINUTES);
        assertThat(report.problems()).as("the self-check after the hostile requests").isEmpty();
        assertThat(report.lastFullPass().events()).isGreaterThanOrEqualTo(events);
    }

    @Test
    void boundsAreNamedInPlainWordsAndSearchesAreLiteral() {
        String window = "must lie between 1970-01-01T00:00:00Z (inclusive) and 2200-01-01T00:00:00Z (exclusive)";
        assertRefused("/api/public/proposals?asOf=%2B1000000000-12-31T23:59:59.999999999Z", "asOf " + window);
        assertRefused("/api/public/proposals?submittedFrom=-1000000000-01-01T00:00:00Z", "submittedFrom " + window);
        assertRefused("/api/public/bodies/" + body + "?asOf=2200-01-01T00:00:00Z", "asOf " + window);
        assertRefused("/api/public/proposals?q=%00", "q contains the control character U+0000");
        assertRefused("/api/public/proposals?q=" + "x".repeat(201), "q size must be between 0 and 200");
        assertRefused("/api/public/proposals?page=2147483647&size=100", "page must be less than or equal to 10000");
        assertRefused("/api/audit/checkpoints?page=2147483647", "page must be less than or equal to 10000");
        assertRefused("/api/audit/events?limit=-5", "limit must be greater than or equal to 1");
        HttpResponse<String> page = get("/bodies/" + body + "?asOf=-1000000000-01-01T00:00:00Z");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        // The site reads asOf as a reader writes it (SiteTimeTest): a year of ten digits is not a date it reads.
        assertThat(page.body()).contains("“-1000000000-01-01T00:00:00Z” cannot be read as a date");

        for (String literal : List.of(".%2A", "%28", "%5C", "%5B", "%24gt")) {
            HttpResponse<String> found = get("/api/public/proposals?q=" + literal);
            assertThat(found.statusCode()).as(literal).isEqualTo(200);
            assertThat(json(found).path("total").asLong()).as(literal).isZero();
        }
        assertThat(get("/api/audit/events?from=9223372036854775807").statusCode()).isEqualTo(200);
    }

    private void assertRefused(String path, String detail) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(response).path("detail").asText()).as(path).contains(detail);
    }

    @Test
    void requestsNoHttpClientSendsAreProblemsOnTheApiAndPagesOnTheSite() {
        for (String path : List.of("/api/public/bodies/%zz", "/api/public/bo\u0001dies", "/api/audit/events?from=%zz",
                                   "/bodies/%zz", "/proposals?q=%zz", "/meetings/..%2F..%2Fetc",
                                   "/organisations/%ED%A0%80",
                                   "/feeds/bodies/%ED%A0%80/decisions.atom")) {
            RawHttp.Answer answer = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n");
            assertThat(answer.status()).as(path + " -> " + answer).isBetween(400, 499);
            if (path.startsWith("/api/")) {
                assertThat(answer.contentType()).as(path + " -> " + answer).startsWith("application/problem+json");
                assertThat(answer.body()).contains("\"status\":" + answer.status());
            } else {
                assertThat(answer.contentType()).as(path + " -> " + answer).startsWith("text/html");
                assertThat(answer.body()).contains("<h1>").doesNotContain("Tomcat");
            }
        }
        RawHttp.Answer tooLarge = RawHttp.send(port, "GET /api/public/bodies HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "b".repeat(20_000) + "\r\n");
        assertThat(tooLarge.contentType()).as(tooLarge.toString()).startsWith("application/problem+json");
    }

    private HttpResponse<String> send(HostileRequests.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                                                 .method(request.method(), request.body() == null
                                                         ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        if (request.body() != null && !request.headers().containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Null when an API's answer is as it must be; else what is wrong with it. */
    private static String problemIn(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return "a " + response.statusCode() + ": " + abbreviated(response.body());
        }
        if (response.statusCode() < 400) {
            return null;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return response.statusCode() + " not a problem (" + type + "): " + abbreviated(response.body());
        }
        JsonNode problem = json(response);
        if (!problem.path("type").asText().startsWith("urn:consensus-ledger:problem:")
                || problem.path("status").asInt() != response.statusCode()) {
            return "an incomplete problem: " + abbreviated(response.body());
        }
        return null;
    }

    /**
     * Null when a page's answer is as it must be; else what is wrong with it. A request line too long for the server
     * to read cannot be told from an API's, so it is answered with the problem {@code malformed-request}.
     */
    private static String pageProblemIn(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return "a " + response.statusCode() + ": " + abbreviated(response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/problem+json") && response.statusCode() == 400
                && json(response).path("type").asText().equals("urn:consensus-ledger:problem:malformed-request")) {
            return null;
        }
        if (response.statusCode() >= 400 && !type.startsWith("text/html")) {
            return response.statusCode() + " not a page (" + type + "): " + abbreviated(response.body());
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private String validValue(String template, String parameter) {
        return switch (parameter) {
            case "path:id" -> template.contains("proposals") || template.contains("aggregates") ? proposal
                    : template.contains("meetings") ? meeting : template.contains("organisations") ? member : body;
            case "path:position", "query:index", "query:from" -> "0";
            case "query:body" -> body;
            case "path:L" -> "0";
            case "path:N" -> "000";
            case "path:W" -> "1";
            default -> null;
        };
    }
}
