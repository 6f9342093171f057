package org.consensusledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * The record-keeping of issue 18 over HTTP: bounded consensus calls ended by another co-chair, concern answers,
 * reconsidered dispositions, the agenda, corrected attendance, positions only from members present, minutes sealed
 * by the ledger itself, and every event saying in what role it was recorded.
 */
class RecordKeepingApiTest extends CommandApiTest {

    private String ministry;
    private String openRights;
    private String acme;
    private String body;
    private String ministryChair;
    private String openRightsChair;
    private String acmeDelegate;

    @BeforeEach
    void aBodyWithTwoCoChairs() {
        ministry = organisation("Ministry", "GOVERNMENT");
        openRights = organisation("Open Rights", "CIVIL_SOCIETY");
        acme = organisation("Acme", "PRIVATE_SECTOR");
        body = created(api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY",
                                                                   "mandate", "Decide")));
        for (String member : List.of(ministry, openRights, acme)) {
            assertThat(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member))
                          .status()).isEqualTo(201);
        }
        for (String chair : List.of(ministry, openRights)) {
            assertThat(api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", chair))
                          .status()).isEqualTo(200);
        }
        ministryChair = delegateOf(ministry);
        openRightsChair = delegateOf(openRights);
        acmeDelegate = delegateOf(acme);
    }

    @Test
    void aCallIsBoundedByTheBodysTermsAndEndedEarlyByAnotherCoChair() {
        String p = "/api/proposals/" + proposal();
        String inThirtyDays = Instant.now().plus(Duration.ofDays(30)).toString();
        ApiClient.Response tooLong = api.post(p + "/consensus-call", ministryChair, fields("deadline", inThirtyDays));
        assertThat(tooLong.status()).isEqualTo(409);
        assertThat(tooLong.json().path("rule").asText()).isEqualTo("call-too-long");
        assertThat(api.post("/api/bodies/" + body + "/consensus-call-limit", ministryChair, fields("maxCallDays", 40))
                      .status()).isEqualTo(403);
        assertThat(api.post("/api/bodies/" + body + "/consensus-call-limit", secretariat, fields("maxCallDays", 40))
                      .status()).isEqualTo(200);
        assertThat(api.post(p + "/consensus-call", ministryChair, fields("deadline", inThirtyDays)).status())
                .isEqualTo(200);
        assertThat(api.post(p + "/outcome", openRightsChair, fields("outcome", "ROUGH_CONSENSUS", "rationale", "Now"))
                      .json().path("rule").asText()).isEqualTo("consensus-call-open");

        ApiClient.Response ended = api.post(p + "/consensus-call/ending", openRightsChair,
                                            fields("reasons", "Every member has spoken"));

        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(api.post(p + "/outcome", openRightsChair, fields("outcome", "ROUGH_CONSENSUS", "rationale",
                                                                    "All heard")).status()).isEqualTo(200);
    }

    @Test
    void concernsAreAnsweredAndDispositionsReconsideredAfterAnUpheldAppeal() {
        String proposal = proposal();
        String p = "/api/proposals/" + proposal;
        String concern = created(api.post(p + "/concerns", acmeDelegate, fields("organisationId", acme,
                                                                                "text", "Define lawful")));
        assertThat(api.post(p + "/concerns/" + concern + "/answers", openRightsChair,
                            fields("answer", "Lawful where the data originates")).status()).isEqualTo(200);
        String objection = created(api.post(p + "/objections", acmeDelegate, fields("organisationId", acme,
                                                                                    "grounds", "Too vague")));
        assertThat(api.post(p + "/objections/" + objection + "/disposition", ministryChair, fields(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Clear enough")).status()).isEqualTo(200);
        assertThat(api.post(p + "/outcome", ministryChair, fields("outcome", "ROUGH_CONSENSUS", "rationale", "Agreed"))
                      .status()).isEqualTo(200);
        String appeal = created(api.post(p + "/appeals", acmeDelegate, fields("appellant", acme,
                                                                              "grounds", "Not weighed")));
        assertThat(api.post(p + "/appeals/" + appeal + "/decision", openRightsChair, fields(
                "decision", "UPHELD", "reasons", "It was not weighed")).status()).isEqualTo(200);

        ApiClient.Response reconsidered = api.post(p + "/objections/" + objection + "/reconsideration",
                                                   openRightsChair, fields("disposition", "NOT_ACCOMMODATED",
                                                                           "reasons", "Weighed: the annex covers it"));

        assertThat(reconsidered.status()).as(reconsidered.toString()).isEqualTo(200);
        JsonNode state = api.get(p, ministryChair).json();
        assertThat(state.path("dissent").get(0).path("reasons").asText()).isEqualTo("Weighed: the annex covers it");
    }

    @Test
    void theAgendaAttendanceCorrectionsAndPositionsOnlyFromMembersPresent() {
        String first = proposal();
        String second = proposal();
        String meeting = created(api.post("/api/meetings", ministryChair, fields(
                "bodyId", body, "title", "Session", "startsAt", "2026-01-10T09:00:00Z", "format", "VIRTUAL")));
        String m = "/api/meetings/" + meeting;
        assertThat(api.post(m + "/agenda", ministryChair, fields("proposalIds", List.of(second, first))).status())
                .isEqualTo(200);
        assertThat(api.get(m, ministryChair).json().path("agenda").get(0).asText()).isEqualTo(second);
        assertThat(api.post(m + "/opening", ministryChair, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(m + "/attendance", ministryChair, fields("organisationId", acme, "mode", "REMOTE"))
                      .status()).isEqualTo(200);
        assertThat(api.post(m + "/attendance/" + acme + "/correction", ministryChair,
                            fields("mode", "IN_PERSON", "reason", "Ticked as remote by mistake")).status())
                .isEqualTo(200);
        assertThat(api.get(m, ministryChair).json().path("attendance").path(acme).asText()).isEqualTo("IN_PERSON");

        ApiClient.Response absent = api.post("/api/proposals/" + first + "/support", ministryChair,
                                             fields("organisationId", openRights, "meetingId", meeting));

        assertThat(absent.status()).isEqualTo(409);
        assertThat(absent.json().path("rule").asText()).isEqualTo("member-not-attending");
        assertThat(api.post("/api/proposals/" + first + "/support", ministryChair,
                            fields("organisationId", acme, "meetingId", meeting)).status()).isEqualTo(200);
    }

    @Test
    void everyEventSaysInWhatRoleItWasRecorded() {
        String proposal = proposal();
        String p = "/api/proposals/" + proposal;
        assertThat(api.post(p + "/support", acmeDelegate, fields("organisationId", acme)).status()).isEqualTo(200);
        assertThat(api.post(p + "/stand-asides", ministryChair, fields("organisationId", openRights,
                                                                       "reason", "Not ours")).status())
                .isEqualTo(200);
        assertThat(api.post(p + "/concerns", secretariat, fields("organisationId", acme, "text", "From the minutes"))
                      .status()).isEqualTo(201);

        Map<String, String> roles = eventStore.readEvents(proposal).asStream()
                                              .collect(Collectors.toMap(
                                                      event -> event.getPayloadType().getSimpleName(),
                                                      event -> String.valueOf(event.getMetaData().get("recordedAs"))));

        assertThat(roles).containsEntry("SupportExpressed", "DELEGATE").containsEntry("StandAsideRecorded", "CO_CHAIR")
                         .containsEntry("ConcernRaised", "SECRETARIAT");
    }

    @Test
    void closedMinutesAreSealedByTheLedgerOnceACheckpointHoldsTheClosing() {
        String meeting = created(api.post("/api/meetings", ministryChair, fields(
                "bodyId", body, "title", "Session", "startsAt", "2026-01-10T09:00:00Z", "format", "VIRTUAL")));
        String m = "/api/meetings/" + meeting;
        assertThat(api.post(m + "/opening", ministryChair, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(m + "/closing", openRightsChair, Map.of()).status()).isEqualTo(200);
        LedgerEventStorageEngine log = context.getBean(LedgerEventStorageEngine.class);
        long closing = log.storedEventsOf(meeting).reduce((first, second) -> second).orElseThrow()
                          .path("globalPosition").asLong();
        assertThat(api.get(m, ministryChair).json().path("sealed").asBoolean()).isFalse();

        // The query side signs a checkpoint that holds the closing (here, as a test, written directly).
        String note = "localhost:8082\n" + (closing + 1) + "\n" + "A".repeat(43) + "=\n\n— localhost:8082 AAAA\n";
        context.getBean(LedgerDatabase.class).get().getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName())
               .insertOne(new Document("_id", closing + 1).append("note", note));

        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(m, ministryChair).json().path("sealed").asBoolean());
        var sealed = eventStore.readEvents(meeting).asStream().reduce((first, second) -> second).orElseThrow();
        assertThat(sealed.getPayloadType().getSimpleName()).isEqualTo("MinutesSealed");
        assertThat(sealed.getMetaData()).containsEntry("recordedAs", "LEDGER").containsEntry("recordedBy", "ledger");
    }

    private String proposal() {
        return created(api.post("/api/proposals", acmeDelegate, fields("bodyId", body, "proposedBy", acme,
                                                                       "title", "Principle", "text", "Be lawful.")));
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
