package org.consensusledger.command;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * A whole working-group meeting over HTTP, as co-chairs and delegates would record it, then the stored events read
 * back from the log in order.
 */
class WorkingGroupMeetingEndToEndTest extends CommandApiTest {

    private static final String TEXT_1 = "Cross-border data flows should be lawful.";
    private static final String TEXT_2 = "Cross-border data flows should be lawful, fair and transparent.";

    @Test
    void aWorkingGroupReachesRoughConsensusWithRecordedDissentAndTheLogHoldsExactlyWhatHappened() {
        long start = storedEvents();

        // The secretariat registers the organisations, sets up a plenary and its working group, and the co-chairs.
        String ministry = organisation("Ministry of Digital Affairs", "GOVERNMENT");
        String openRights = organisation("Open Rights Network", "CIVIL_SOCIETY");
        String acme = organisation("Acme Cloud", "PRIVATE_SECTOR");
        String university = organisation("Technical University", "ACADEMIA");
        String freedom = organisation("Digital Freedom Forum", "CIVIL_SOCIETY");
        String plenary = created(api.post("/api/bodies", secretariat, fields(
                "name", "Cohort plenary", "kind", "PLENARY", "mandate", "Decide the cohort's principles")));
        String group = created(api.post("/api/bodies", secretariat, fields(
                "name", "Working group on data", "kind", "WORKING_GROUP", "parentBodyId", plenary,
                "mandate", "Draft data principles")));
        expect(201, api.post("/api/bodies/" + group + "/members", secretariat, fields("organisationId", ministry)));
        expect(201, api.post("/api/bodies/" + group + "/members", secretariat, fields("organisationId", openRights)));
        expect(200, api.post("/api/bodies/" + group + "/co-chairs", secretariat, fields("organisationId", ministry)));
        expect(200, api.post("/api/bodies/" + group + "/co-chairs", secretariat,
                             fields("organisationId", openRights)));
        String chair = delegateOf(ministry);
        String otherChair = delegateOf(openRights);

        // Members join: a civil-society organisation on its own request, no approval step; a university asks and a
        // co-chair admits it; a member proposes a company, which is admitted at once.
        String freedomDelegate = delegateOf(freedom);
        expect(201, api.post("/api/bodies/" + group + "/members", freedomDelegate, fields("organisationId", freedom)));
        String universityDelegate = delegateOf(university);
        expect(202, api.post("/api/bodies/" + group + "/members", universityDelegate,
                             fields("organisationId", university)));
        expect(201, api.post("/api/bodies/" + group + "/members", chair, fields("organisationId", university)));
        expect(201, api.post("/api/bodies/" + group + "/members", otherChair, fields("organisationId", acme)));
        String acmeDelegate = delegateOf(acme);

        // The meeting.
        String meeting = created(api.post("/api/meetings", chair, fields(
                "bodyId", group, "title", "Third session", "startsAt", "2026-01-10T09:00:00Z",
                "format", "HYBRID", "location", "Geneva and online")));
        expect(200, api.post("/api/meetings/" + meeting + "/opening", chair, fields()));
        for (String present : List.of(ministry, openRights, freedom, university, acme)) {
            expect(200, api.post("/api/meetings/" + meeting + "/attendance", chair,
                                 fields("organisationId", present, "mode", "IN_PERSON")));
        }
        String proposal = created(api.post("/api/proposals", freedomDelegate, fields(
                "bodyId", group, "proposedBy", freedom, "title", "Principle 1", "text", TEXT_1,
                "meetingId", meeting)));
        String p = "/api/proposals/" + proposal;
        expect(201, api.post(p + "/concerns", universityDelegate, fields(
                "organisationId", university, "text", "Define lawful", "meetingId", meeting)));
        String companyObjection = created(api.post(p + "/objections", acmeDelegate, fields(
                "organisationId", acme, "grounds", "Fairness is undefined", "meetingId", meeting)));
        String chairObjection = created(api.post(p + "/objections", otherChair, fields(
                "organisationId", openRights, "grounds", "Too weak on transparency", "meetingId", meeting)));
        expect(201, api.post(p + "/revisions", freedomDelegate, fields(
                "text", TEXT_2, "summary", "Adds fair and transparent", "meetingId", meeting)));
        expect(200, api.post(p + "/objections/" + companyObjection + "/disposition", chair, fields(
                "disposition", "ACCOMMODATED", "accommodatingVersion", 2, "meetingId", meeting)));
        expect(200, api.post(p + "/objections/" + chairObjection + "/disposition", chair, fields(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Transparency is covered by principle 4",
                "meetingId", meeting)));
        expect(200, api.post(p + "/support", freedomDelegate, fields("organisationId", freedom, "meetingId", meeting)));
        expect(200, api.post(p + "/support", universityDelegate,
                             fields("organisationId", university, "meetingId", meeting)));
        expect(200, api.post(p + "/outcome", chair, fields(
                "outcome", "ROUGH_CONSENSUS", "rationale", "All objections addressed", "meetingId", meeting)));
        // An appeal is decided by a co-chair other than the one who declared.
        String appeal = created(api.post(p + "/appeals", acmeDelegate, fields(
                "appellant", acme, "grounds", "Transparency objection not weighed", "meetingId", meeting)));
        expect(403, api.post(p + "/appeals/" + appeal + "/decision", chair, fields(
                "decision", "DISMISSED", "reasons", "The minutes show it was weighed")));
        expect(200, api.post(p + "/appeals/" + appeal + "/decision", otherChair, fields(
                "decision", "DISMISSED", "reasons", "The minutes show it was weighed")));
        expect(200, api.post("/api/meetings/" + meeting + "/closing", chair, fields()));
        // The university attended remotely: the record is corrected, not changed.
        expect(201, api.post("/api/corrections", chair, fields(
                "aggregateId", meeting, "sequenceNumber", 5, "whatIsWrong", "Attendance mode",
                "correction", "Technical University attended remotely")));

        List<? extends TrackedEventMessage<?>> events = eventsSince(start);
        assertThat(events).extracting(event -> event.getPayloadType().getSimpleName()).containsExactly(
                "OrganisationRegistered", "OrganisationRegistered", "OrganisationRegistered",
                "OrganisationRegistered", "OrganisationRegistered",
                "BodyEstablished", "BodyEstablished",
                "MemberAdmitted", "MemberAdmitted", "CoChairAppointed", "CoChairAppointed",
                "MemberAdmitted", "MembershipRequested", "MemberAdmitted", "MemberAdmitted",
                "MeetingScheduled", "MeetingOpened",
                "AttendanceRecorded", "AttendanceRecorded", "AttendanceRecorded", "AttendanceRecorded",
                "AttendanceRecorded", "ProposalSubmitted", "ConcernRaised", "ObjectionRaised", "ObjectionRaised", "ProposalRevised",
                "ObjectionAddressed", "ObjectionAddressed", "SupportExpressed", "SupportExpressed",
                "RoughConsensusDeclared", "AppealLodged", "AppealDecided", "MeetingClosed", "RecordCorrected");
        assertThat(events).extracting(TrackedEventMessage::trackingToken)
                          .extracting(token -> token.position().orElseThrow())
                          .containsExactlyElementsOf(java.util.stream.LongStream.range(start, start + events.size())
                                                                                .boxed().toList());

        RoughConsensusDeclared declaration = events.stream().map(TrackedEventMessage::getPayload)
                                                   .filter(RoughConsensusDeclared.class::isInstance)
                                                   .map(RoughConsensusDeclared.class::cast).findFirst().orElseThrow();
        assertThat(declaration.version()).isEqualTo(2);
        assertThat(declaration.textSha256()).isEqualTo(Texts.sha256(TEXT_2));
        assertThat(declaration.declaredBy()).isEqualTo(ministry);
        assertThat(declaration.meetingId()).isEqualTo(meeting);
        assertThat(declaration.dissent()).containsExactly(new Dissent(
                chairObjection, openRights, StakeholderGroup.CIVIL_SOCIETY, "Too weak on transparency",
                "Transparency is covered by principle 4"));
        assertThat(declaration.tallies()).containsExactly(
                new GroupTally(StakeholderGroup.CIVIL_SOCIETY, 1, 0, 0, 1),
                new GroupTally(StakeholderGroup.PRIVATE_SECTOR, 0, 0, 0, 1),
                new GroupTally(StakeholderGroup.ACADEMIA, 1, 0, 1, 0));
        assertThat(events.stream().map(TrackedEventMessage::getPayload)
                         .filter(org.consensusledger.events.proposal.ObjectionAddressed.class::isInstance)
                         .map(event -> ((org.consensusledger.events.proposal.ObjectionAddressed) event).disposition()))
                .containsExactly(Disposition.ACCOMMODATED, Disposition.NOT_ACCOMMODATED);

        // Every event says who recorded it and for whom, and which command produced it.
        String chairAccount = api.get("/api/accounts/me", chair).json().path("accountId").asText();
        TrackedEventMessage<?> declared = events.get(31);
        assertThat(declared.getPayload()).isInstanceOf(RoughConsensusDeclared.class);
        assertThat(declared.getMetaData()).containsEntry("recordedBy", chairAccount)
                                          .containsEntry("actingFor", ministry)
                                          .containsEntry("recordedAs", "CO_CHAIR")
                                          .containsKey("commandId");
        Map<String, Long> commandsPerEvent = events.stream().collect(Collectors.groupingBy(
                event -> String.valueOf(event.getMetaData().get("commandId")), Collectors.counting()));
        assertThat(commandsPerEvent).hasSize(events.size()).doesNotContainKey("null");
    }

    private List<? extends TrackedEventMessage<?>> eventsSince(long start) {
        LedgerEventStorageEngine engine = context.getBean(LedgerEventStorageEngine.class);
        return engine.readEvents(start == 0 ? null : new GlobalSequenceTrackingToken(start - 1), false).toList();
    }

    private static String created(ApiClient.Response response) {
        expect(201, response);
        return response.id();
    }

    private static void expect(int status, ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
    }
}
