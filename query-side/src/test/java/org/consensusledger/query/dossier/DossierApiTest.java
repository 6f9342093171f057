package org.consensusledger.query.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A proposal's dossier and timeline, projected from its events, with the exact values they must show. */
class DossierApiTest extends QueryApiTest {

    private static final Instant RAISED = Instant.parse("2026-03-04T09:00:00Z");
    private static final Instant ADDRESSED = Instant.parse("2026-03-04T11:30:00Z");

    private String proposal;
    private String body;
    private String cso;
    private String biz;

    @BeforeEach
    void aProposalDecidedWithDissentAppealedAndCorrected() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        proposal = "p-" + run;
        body = "wg-" + run;
        cso = "cso-" + run;
        biz = "biz-" + run;
        String m = "m-" + run;
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme", StakeholderGroup.PRIVATE_SECTOR, null));
        Map<String, String> chair = Map.of("recordedBy", "account-chair", "actingFor", "gov-" + run);
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, cso, "Principle 1", "Be lawful.\nBe fair.",
                                                           "sha1", m, RAISED), Map.of("recordedBy", "account-cso"));
        append("Proposal", proposal, new ConcernRaised(proposal, body, "c1", biz, StakeholderGroup.PRIVATE_SECTOR, 1,
                                                       "Define fair", m, RAISED), chair);
        append("Proposal", proposal, new ObjectionRaised(proposal, body, "o1", biz, StakeholderGroup.PRIVATE_SECTOR,
                                                         1, "Fair is vague", m, RAISED), chair);
        append("Proposal", proposal, new ObjectionRaised(proposal, body, "o2", cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                         "Too weak", m, RAISED), chair);
        append("Proposal", proposal, new ProposalRevised(proposal, body, 2, "Be lawful.\nBe fair and open.", "sha2",
                                                         "Defines fair", cso, m, RAISED), chair);
        append("Proposal", proposal, new ObjectionAddressed(proposal, body, "o1", Disposition.ACCOMMODATED, 2, null,
                                                            "gov-" + run, m, ADDRESSED), chair);
        append("Proposal", proposal, new ObjectionAddressed(proposal, body, "o2", Disposition.NOT_ACCOMMODATED, null,
                                                            "Covered elsewhere", "gov-" + run, m, ADDRESSED), chair);
        append("Proposal", proposal, new SupportExpressed(proposal, body, biz, StakeholderGroup.PRIVATE_SECTOR, 2,
                                                          null, m, ADDRESSED), chair);
        append("Proposal", proposal, new RoughConsensusDeclared(
                proposal, body, 2, "sha2", "All addressed",
                List.of(new Dissent("o2", cso, StakeholderGroup.CIVIL_SOCIETY, "Too weak", "Covered elsewhere")),
                List.of(new GroupTally(StakeholderGroup.CIVIL_SOCIETY, 0, 0, 0, 1),
                        new GroupTally(StakeholderGroup.PRIVATE_SECTOR, 1, 0, 1, 1)), "gov-" + run, m, ADDRESSED),
               chair);
        append("Proposal", proposal, new AppealLodged(proposal, body, "a1", cso, "Not weighed", null, ADDRESSED));
        append("Proposal", proposal, new AppealDecided(proposal, body, "a1", AppealDecision.DISMISSED, "Weighed",
                                                       "other-chair", null, ADDRESSED));
        append("Correction", "fix-" + run, new RecordCorrected("fix-" + run, proposal, 1, "e1",
                                                               ConcernRaised.class.getName(), body, "Wrong text",
                                                               "It said: define lawful", null, ADDRESSED));
    }

    @Test
    void theDossierShowsVersionsWithDiffsContributionsObjectionsOutcomeAppealAndCorrection() {
        JsonNode dossier = awaitDossier();

        assertThat(dossier.path("status").asText()).isEqualTo("DECIDED");
        assertThat(dossier.path("currentText").asText()).isEqualTo("Be lawful.\nBe fair and open.");
        assertThat(dossier.path("versions")).hasSize(2);
        assertThat(dossier.path("versions").get(0).path("diffFromPrevious")).isEmpty();
        List<String> diff = JSON.convertValue(dossier.path("versions").get(1).path("diffFromPrevious"),
                                              JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(diff).contains("-Be fair.", "+Be fair and open.", " Be lawful.");
        assertThat(dossier.path("contributions").findValuesAsText("kind")).containsExactly("CONCERN", "SUPPORT");
        JsonNode objections = dossier.path("objections");
        assertThat(objections.get(0).path("objection").path("disposition").asText()).isEqualTo("ACCOMMODATED");
        assertThat(objections.get(0).path("objection").path("accommodatingVersion").asInt()).isEqualTo(2);
        assertThat(objections.get(0).path("organisationName").asText()).isEqualTo("Acme");
        assertThat(objections.get(1).path("objection").path("reasons").asText()).isEqualTo("Covered elsewhere");
        assertThat(Duration.parse(objections.get(1).path("waited").asText())).isEqualTo(Duration.ofMinutes(150));
        assertThat(objections.get(1).path("pending").asBoolean()).isFalse();
        JsonNode outcome = dossier.path("outcomes").get(0);
        assertThat(outcome.path("outcome").asText()).isEqualTo("ROUGH_CONSENSUS");
        assertThat(outcome.path("dissent").get(0).path("objectionId").asText()).isEqualTo("o2");
        assertThat(outcome.path("setAsideBy").isNull()).isTrue();
        assertThat(dossier.path("appeals").get(0).path("decision").asText()).isEqualTo("DISMISSED");
        assertThat(dossier.path("corrections").get(0).path("correction").asText()).isEqualTo("It said: define lawful");
        assertThat(dossier.path("organisationNames").path(cso).asText()).isEqualTo("Open Rights");
    }

    @Test
    void theTimelineListsEveryEventInOrderWithCorrectionsBesideWhatTheyCorrect() {
        awaitDossier();

        JsonNode timeline = json(get("/api/public/proposals/" + proposal + "/timeline"));

        assertThat(timeline).hasSize(11);
        assertThat(timeline.findValuesAsText("type")).startsWith("ProposalSubmitted", "ConcernRaised")
                                                      .endsWith("AppealDecided");
        long previous = -1;
        for (JsonNode entry : timeline) {
            long position = entry.path("step").path("globalPosition").asLong();
            assertThat(position).isGreaterThan(previous);
            previous = position;
        }
        // Whose act it is (the member), and who recorded it as a role and an organisation, never the account; an event
        // stored before roles were kept says only for whom its delegate acted.
        JsonNode concern = timeline.get(1).path("step");
        assertThat(concern.path("by").asText()).isEqualTo(biz);
        assertThat(concern.path("recordedAs").asText()).isEqualTo("ACTING_FOR");
        assertThat(concern.path("actingFor").asText()).isEqualTo("gov-" + proposal.substring(2));
        assertThat(concern.has("recordedBy")).isFalse();
        assertThat(timeline.get(0).path("step").path("recordedAs").asText()).isEqualTo("SECRETARIAT");
        assertThat(timeline.get(1).path("step").path("occurredAt").asText()).isEqualTo("2026-03-04T09:00:00Z");
        assertThat(timeline.get(1).path("corrections").get(0).path("whatIsWrong").asText()).isEqualTo("Wrong text");
        assertThat(timeline.get(2).path("corrections")).isEmpty();
    }

    @Test
    void asOfARevisionADispositionAndAnOutcomeGivesTheThreeStatesOfThen() {
        awaitDossier();
        JsonNode timeline = json(get("/api/public/proposals/" + proposal + "/timeline"));
        String revised = recordedAt(timeline, "ProposalRevised");
        String addressed = recordedAt(timeline, "ObjectionAddressed");
        String declared = recordedAt(timeline, "RoughConsensusDeclared");

        JsonNode atRevision = json(get("/api/public/proposals/" + proposal + "?asOf=" + revised));
        JsonNode atDisposition = json(get("/api/public/proposals/" + proposal + "?asOf=" + addressed));
        JsonNode atOutcome = json(get("/api/public/proposals/" + proposal + "?asOf=" + declared));

        assertThat(atRevision.path("versions")).hasSize(2);
        assertThat(atRevision.path("objections").findValues("disposition")).hasSize(2).allMatch(JsonNode::isNull);
        assertThat(atRevision.path("status").asText()).isEqualTo("OPEN");
        assertThat(atDisposition.path("objections").get(0).path("objection").path("disposition").asText())
                .isEqualTo("ACCOMMODATED");
        assertThat(atDisposition.path("objections").get(1).path("pending").asBoolean()).isTrue();
        assertThat(atDisposition.path("outcomes")).isEmpty();
        assertThat(atOutcome.path("status").asText()).isEqualTo("DECIDED");
        assertThat(atOutcome.path("outcomes").get(0).path("outcome").asText()).isEqualTo("ROUGH_CONSENSUS");
        assertThat(atOutcome.path("appeals")).isEmpty();
        assertThat(atOutcome.path("corrections")).isEmpty();
        assertThat(json(get("/api/public/proposals/" + proposal + "/timeline?asOf=" + addressed))).hasSize(6);
        assertThat(get("/api/public/proposals/" + proposal + "?asOf=2000-01-01T00:00:00Z").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/public/proposals/" + proposal + "?asOf=yesterday").statusCode()).isEqualTo(400);
    }

    private static String recordedAt(JsonNode timeline, String type) {
        for (JsonNode entry : timeline) {
            if (entry.path("step").path("type").asText().equals(type)) {
                return entry.path("step").path("recordedAt").asText();
            }
        }
        throw new AssertionError("no " + type + " in " + timeline);
    }

    @Test
    void theListFiltersByBodyStatusOutcomeAndText() {
        awaitDossier();

        JsonNode page = json(get("/api/public/proposals?body=" + body + "&status=DECIDED&outcome=ROUGH_CONSENSUS"
                                         + "&q=FAIR%20AND&page=0&size=5"));

        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("proposalId").asText()).isEqualTo(proposal);
        assertThat(page.path("items").get(0).path("versions").asInt()).isEqualTo(2);
        assertThat(json(get("/api/public/proposals?body=" + body + "&status=WITHDRAWN")).path("total").asLong())
                .isZero();
    }

    @Test
    void theListAsOfAMomentFiltersTheProposalsAsTheyWereThen() {
        awaitDossier();
        JsonNode timeline = json(get("/api/public/proposals/" + proposal + "/timeline"));
        String revised = recordedAt(timeline, "ProposalRevised");
        String declared = recordedAt(timeline, "RoughConsensusDeclared");
        String second = "p2-" + proposal;
        append("Proposal", second, new ProposalSubmitted(second, body, biz, "Principle 2", "Be open.", "sha2",
                                                         "m-x", RAISED));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/public/proposals/" + second).statusCode() == 200);

        JsonNode openThen = json(get("/api/public/proposals?body=" + body + "&status=OPEN&asOf=" + revised));
        JsonNode decidedThen = json(get("/api/public/proposals?body=" + body + "&status=DECIDED&asOf=" + revised));
        JsonNode decidedLater = json(get("/api/public/proposals?body=" + body + "&status=DECIDED&q=fair&asOf="
                                                 + declared));
        JsonNode now = json(get("/api/public/proposals?body=" + body + "&size=1&page=1"));

        assertThat(openThen.path("items").findValuesAsText("proposalId")).containsExactly(proposal);
        assertThat(openThen.path("items").get(0).path("versions").asInt()).isEqualTo(2);
        assertThat(decidedThen.path("total").asLong()).isZero();
        assertThat(decidedLater.path("items").findValuesAsText("proposalId")).containsExactly(proposal);
        assertThat(decidedLater.path("items").get(0).path("outcome").asText()).isEqualTo("ROUGH_CONSENSUS");
        assertThat(now.path("total").asLong()).isEqualTo(2);
        assertThat(now.path("items").findValuesAsText("proposalId")).as("most recently changed first: page 1 is the older")
                                                                     .containsExactly(proposal);
        assertThat(get("/api/public/proposals?asOf=tomorrow").statusCode()).isEqualTo(400);
    }

    @Test
    void aDossierServedAgainShowsWhatWasRecordedSince() {
        awaitDossier();
        HttpResponse<String> first = get("/api/public/proposals/" + proposal);
        String before = first.headers().firstValue("ETag").orElseThrow();
        // Served again (from the JSON kept for that position): the same bytes and headers.
        HttpResponse<String> again = get("/api/public/proposals/" + proposal);
        assertThat(again.body()).isEqualTo(first.body());
        for (String header : List.of("ETag", "Cache-Control", "Content-Type")) {
            assertThat(again.headers().allValues(header)).as(header).isEqualTo(first.headers().allValues(header));
        }
        assertThat(get("/api/public/proposals/" + proposal, "If-None-Match", before).statusCode()).isEqualTo(304);

        append("Proposal", proposal, new AppealLodged(proposal, body, "a2", biz, "Heard too late", null, ADDRESSED));

        JsonNode after = await().atMost(Duration.ofSeconds(20)).until(
                () -> json(get("/api/public/proposals/" + proposal)), dossier -> dossier.path("appeals").size() == 2);
        assertThat(after.path("appeals").get(1).path("grounds").asText()).isEqualTo("Heard too late");
        assertThat(get("/api/public/proposals/" + proposal).headers().firstValue("ETag")).isNotEqualTo(
                java.util.Optional.of(before));
    }

    @Test
    void theListIsServedByIndexesCreatedInCode(@Autowired LedgerDatabase database) {
        List<String> indexes = new java.util.ArrayList<>();
        database.get().getCollection(LedgerCollection.PUBLIC_PROPOSALS.collectionName()).listIndexes()
                .forEach(index -> indexes.add(index.getString("name")));

        assertThat(indexes).contains("recently_changed", "body_recently_changed");
    }

    @Test
    void badQueryParametersAndUnknownIdsAreProblems() {
        for (String query : List.of("page=-1", "size=0", "size=101", "status=LOST", "submittedFrom=yesterday")) {
            HttpResponse<String> response = get("/api/public/proposals?" + query);
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
        // the words a status or an outcome takes are the lifecycle's, named as when they were a pattern
        JsonNode badStatus = json(get("/api/public/proposals?status=LOST"));
        assertThat(badStatus.path("type").asText()).isEqualTo("urn:consensus-ledger:problem:invalid-request");
        assertThat(badStatus.path("title").asText()).isEqualTo("Invalid request");
        assertThat(badStatus.path("detail").asText())
                .isEqualTo("status must match \"OPEN|CALL_OPEN|DECIDED|APPEALED|DEFERRED|WITHDRAWN\"");
        assertThat(json(get("/api/public/proposals?outcome=UNANIMOUS")).path("detail").asText())
                .isEqualTo("outcome must match \"ROUGH_CONSENSUS|NO_CONSENSUS|DEFERRED\"");
        assertThat(get("/api/public/proposals/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/public/proposals/" + UUID.randomUUID() + "/timeline").statusCode()).isEqualTo(404);
    }

    private JsonNode awaitDossier() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/api/public/proposals/" + proposal);
            return response.statusCode() == 200 ? json(response) : null;
        }, dossier -> dossier != null && dossier.path("corrections").size() == 1
                && dossier.path("appeals").path(0).path("decision").asText().equals("DISMISSED")
                // organisation names come from another processor, which may be a moment behind
                && dossier.path("organisationNames").size() == 2);
    }
}
