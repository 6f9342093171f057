package org.consensusledger.query.body;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MembershipRequested;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The public body page, projected from the log. */
class BodyApiTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    private String body;
    private String gov;
    private String cso;
    private String biz;
    private String uni;

    @BeforeEach
    void aWorkingGroupWithADecision() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        body = "wg-" + run;
        gov = "gov-" + run;
        cso = "cso-" + run;
        biz = "biz-" + run;
        uni = "uni-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, "FR"));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme", StakeholderGroup.PRIVATE_SECTOR, null));
        append("Organisation", uni, new OrganisationRegistered(uni, "University", StakeholderGroup.ACADEMIA, null));
        append("Body", body, new BodyEstablished(body, "Data", BodyKind.WORKING_GROUP, "plenary-" + run, "Draft"));
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Body", body, new MemberAdmitted(body, cso, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        append("Body", body, new CoChairAppointed(body, gov));
        append("Body", body, new CoChairAppointed(body, cso));
        append("Body", body, new MemberAdmitted(body, biz, StakeholderGroup.PRIVATE_SECTOR, AdmissionPath.ON_REQUEST,
                                                biz, null));
        append("Body", body, new MembershipRequested(body, uni, StakeholderGroup.ACADEMIA, uni));
        append("Meeting", "m-" + run, new MeetingScheduled("m-" + run, body, "Session 1", AT, MeetingFormat.VIRTUAL,
                                                           null));
        append("Meeting", "m-" + run, new MeetingOpened("m-" + run, body, gov, AT));
        append("Proposal", "p-" + run, new ProposalSubmitted("p-" + run, body, biz, "Principle 1", "Be fair.", "sha",
                                                             "m-" + run, AT));
        append("Proposal", "p-" + run, new RoughConsensusDeclared("p-" + run, body, 1, "sha", "Agreed", List.of(),
                                                                  List.of(), gov, "m-" + run, AT));
    }

    @Test
    void theBodyPageShowsMembersByGroupCoChairsCompositionMeetingsAndDecisions() {
        JsonNode page = awaitPage(found -> found.path("decisions").size() == 1
                && found.path("coChairs").findValuesAsText("name").equals(List.of("Ministry", "Open Rights"))
                && found.path("membersByGroup").path("PRIVATE_SECTOR").path(0).path("name").asText().equals("Acme")
                && found.path("membershipRequests").findValuesAsText("name").equals(List.of("University")));

        assertThat(page.path("kind").asText()).isEqualTo("WORKING_GROUP");
        assertThat(page.path("membersByGroup").path("PRIVATE_SECTOR").get(0).path("name").asText()).isEqualTo("Acme");
        assertThat(page.path("membersByGroup").path("PRIVATE_SECTOR").get(0).path("admission").asText())
                .isEqualTo("ON_REQUEST");
        assertThat(page.path("membersByGroup").path("GOVERNMENT").get(0).path("coChair").asBoolean()).isTrue();
        assertThat(page.path("coChairs").findValuesAsText("name")).containsExactly("Ministry", "Open Rights");
        assertThat(page.path("membershipRequests").findValuesAsText("name")).containsExactly("University");
        JsonNode composition = page.path("composition");
        assertThat(composition.path("applies").asBoolean()).isTrue();
        assertThat(composition.path("coFacilitatedByGovernment").asBoolean()).isTrue();
        assertThat(composition.path("coFacilitatedByNonGovernmental").asBoolean()).isTrue();
        assertThat(composition.path("includesPrivateSector").asBoolean()).isTrue();
        assertThat(composition.path("met").asBoolean()).isTrue();
        assertThat(page.path("meetings").get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(page.path("decisions").get(0).path("outcome").asText()).isEqualTo("ROUGH_CONSENSUS");
        assertThat(page.path("decisions").get(0).path("decidedInMeeting").asText()).startsWith("m-");
    }

    @Test
    void asOfAnEarlierMomentTheBodyIsWhatTheLedgerHeldThen() {
        awaitPage(page -> page.path("decisions").size() == 1);
        List<String> recorded = new java.util.ArrayList<>();
        for (String line : get("/api/audit/aggregates/" + body + "/events").body().split("\n")) {
            recorded.add(json(line).path("timestamp").asText());
        }

        JsonNode oneCoChair = json(get("/api/public/bodies/" + body + "?asOf=" + recorded.get(3)));
        JsonNode requested = json(get("/api/public/bodies/" + body + "?asOf=" + recorded.get(6)));

        assertThat(oneCoChair.path("coChairs").findValuesAsText("organisationId")).containsExactly(gov);
        assertThat(oneCoChair.path("membersByGroup").path("PRIVATE_SECTOR").isMissingNode()).isTrue();
        assertThat(oneCoChair.path("composition").path("met").asBoolean()).isFalse();
        assertThat(requested.path("membershipRequests").findValuesAsText("organisationId")).containsExactly(uni);
        assertThat(requested.path("meetings")).isEmpty();
        assertThat(requested.path("decisions")).isEmpty();
        assertThat(get("/api/public/bodies/" + body + "?asOf=2000-01-01T00:00:00Z").statusCode()).isEqualTo(404);
        assertThat(get("/api/public/bodies/" + body + "?asOf=last-week").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnchangedBodyAnswersNotModifiedToItsETag() {
        awaitPage(page -> page.path("decisions").size() == 1);
        HttpResponse<String> first = get("/api/public/bodies/" + body);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-cache").contains("public"));

        HttpResponse<String> again = get("/api/public/bodies/" + body, "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void aChangeToOneOfItsProposalsChangesTheBodysPageAndETag() {
        awaitPage(page -> page.path("decisions").size() == 1);
        String etag = get("/api/public/bodies/" + body).headers().firstValue("ETag").orElseThrow();
        String proposal = "p2-" + body;

        append("Proposal", proposal, new ProposalSubmitted(proposal, body, cso, "Principle 2", "Be open.", "sha2",
                                                           null, AT));
        append("Proposal", proposal, new ProposalWithdrawn(proposal, body, cso, "Merged into principle 1", null, AT));

        JsonNode page = awaitPage(found -> found.path("proposals").size() == 2
                && found.path("proposals").get(1).path("status").asText().equals("WITHDRAWN"));
        assertThat(page.path("proposals").get(0).path("title").asText()).isEqualTo("Principle 1");
        assertThat(page.path("proposals").get(1).path("title").asText()).isEqualTo("Principle 2");
        assertThat(page.path("decisions")).hasSize(1);
        HttpResponse<String> again = get("/api/public/bodies/" + body, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void theListShowsEveryBodyWithItsComposition() {
        awaitPage(page -> page.path("decisions").size() == 1);

        JsonNode mine = summaryOf(json(get("/api/public/bodies")));

        assertThat(mine).isNotNull();
        assertThat(mine.path("members").asInt()).isEqualTo(3);
        assertThat(mine.path("composition").path("met").asBoolean()).isTrue();
    }

    @Test
    void theListAsOfAnEarlierMomentCountsTheMembersOfThen() {
        awaitPage(page -> page.path("decisions").size() == 1);
        String twoMembers = json(get("/api/audit/aggregates/" + body + "/events").body().split("\n")[2])
                .path("timestamp").asText();

        JsonNode then = summaryOf(json(get("/api/public/bodies?asOf=" + twoMembers)));
        JsonNode before = summaryOf(json(get("/api/public/bodies?asOf=2000-01-01T00:00:00Z")));

        assertThat(then.path("members").asInt()).isEqualTo(2);
        assertThat(then.path("coChairs").asInt()).isZero();
        assertThat(then.path("composition").path("met").asBoolean()).isFalse();
        assertThat(before).isNull();
        assertThat(get("/api/public/bodies?asOf=soon").statusCode()).isEqualTo(400);
    }

    private JsonNode summaryOf(JsonNode list) {
        for (JsonNode summary : list) {
            if (summary.path("bodyId").asText().equals(body)) {
                return summary;
            }
        }
        return null;
    }

    @Test
    void anUnknownBodyIsAProblem() {
        HttpResponse<String> response = get("/api/public/bodies/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).path("type").asText()).isEqualTo("urn:consensus-ledger:problem:unknown-body");
    }

    private JsonNode awaitPage(java.util.function.Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                      .until(() -> {
                          HttpResponse<String> response = get("/api/public/bodies/" + body);
                          return response.statusCode() == 200 ? json(response) : null;
                      }, page -> page != null && ready.test(page));
    }
}
