package org.consensusledger.query.site;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceCorrected;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.selfcheck.Report;
import org.consensusledger.query.selfcheck.SelfCheck;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the public record shows of the rules that keep a record honest: a meeting's agenda (its minutes follow it), an
 * attendance corrected in place, minutes sealed by a checkpoint, a consensus call ended early, a concern answered, an
 * objection reconsidered after an upheld appeal, the composition as of a decision, a body's longest call, corrections
 * of a meeting, a body and an organisation beside what they correct — and whose voice each step is, in words.
 */
class RecordKeepingPagesTest extends QueryApiTest {

    @Autowired
    private SelfCheck selfCheck;

    private static final Instant AT = Instant.parse("2026-05-06T10:00:00Z");

    private String gov;
    private String cso;
    private String biz;
    private String body;
    private String meeting;
    private String first;
    private String second;
    private Map<String, String> asChair;

    @BeforeEach
    void aWorkingGroupMeetingWithAnAgendaACallEndedEarlyAndAReconsideredObjection() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        gov = "gov-" + run;
        cso = "cso-" + run;
        biz = "biz-" + run;
        body = "wg-" + run;
        meeting = "m-" + run;
        first = "p1-" + run;
        second = "p2-" + run;
        asChair = Map.of("recordedBy", "account-1", "actingFor", gov, "recordedAs", "CO_CHAIR");
        Map<String, String> asSecretariat = Map.of("recordedBy", "account-0", "recordedAs", "SECRETARIAT");
        Map<String, String> asDelegate = Map.of("recordedBy", "account-2", "actingFor", biz, "recordedAs",
                                                "DELEGATE");
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, null));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme", StakeholderGroup.PRIVATE_SECTOR, null));
        append("Body", body, new BodyEstablished(body, "Retention " + run, BodyKind.WORKING_GROUP, null,
                                                 "Draft retention rules"), asSecretariat);
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null), asSecretariat);
        append("Body", body, new MemberAdmitted(body, cso, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null), asSecretariat);
        append("Body", body, new CoChairAppointed(body, gov), asSecretariat);
        append("Body", body, new CoChairAppointed(body, cso), asSecretariat);
        append("Body", body, new ConsensusCallLimitSet(body, 9), asSecretariat);
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Retention session", AT, MeetingFormat.VIRTUAL,
                                                        null), asChair);
        append("Meeting", meeting, new MeetingOpened(meeting, body, gov, AT), asChair);
        append("Meeting", meeting, new AttendanceRecorded(meeting, body, gov, AttendanceMode.IN_PERSON, AT), asChair);
        append("Meeting", meeting, new AttendanceRecorded(meeting, body, cso, AttendanceMode.IN_PERSON, AT), asChair);
        append("Proposal", first, new ProposalSubmitted(first, body, cso, "Backups follow retention " + run,
                                                        "Delete backups too.", "sha1", meeting, AT), asChair);
        append("Proposal", second, new ProposalSubmitted(second, body, cso, "Logs for 90 days " + run,
                                                         "Keep logs 90 days.", "sha1", meeting, AT), asChair);
        append("Meeting", meeting, new AgendaSet(meeting, body, List.of(second, first), gov), asChair);
        append("Meeting", meeting, new AttendanceCorrected(meeting, body, cso, AttendanceMode.REMOTE,
                                                           "Joined by video", AT), asChair);
        append("Proposal", first, new ConsensusCallOpened(first, body, 1, AT.plus(Duration.ofDays(5)), cso, meeting,
                                                          AT), asChair);
        append("Proposal", first, new ConcernRaised(first, body, "c1", gov, StakeholderGroup.GOVERNMENT, 1,
                                                    "Restores bring data back", meeting, AT), asChair);
        append("Proposal", first, new ConcernAnswered(first, body, "c1", "A restore deletes again", cso, meeting,
                                                      AT), asChair);
        append("Proposal", first, new StandAsideRecorded(first, body, biz, StakeholderGroup.PRIVATE_SECTOR, 1,
                                                         "Not our field", meeting, AT), asDelegate);
        append("Proposal", first, new ObjectionRaised(first, body, "o1", biz, StakeholderGroup.PRIVATE_SECTOR, 1,
                                                      "Too costly", meeting, AT), asDelegate);
        append("Proposal", first, new ConsensusCallEnded(first, body, gov, "Everyone has spoken", meeting, AT),
               asChair);
        append("Proposal", first, new ObjectionAddressed(first, body, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                         "Cost is low", gov, meeting, AT), asChair);
        append("Proposal", first, new RoughConsensusDeclared(first, body, 1, "sha1", "Broad support", List.of(),
                                                             List.of(), gov, meeting, AT), asChair);
        append("Proposal", first, new AppealLodged(first, body, "a1", biz, "Cost not weighed", meeting, AT),
               asDelegate);
        append("Proposal", first, new AppealDecided(first, body, "a1", AppealDecision.UPHELD, "Weigh the cost",
                                                    null, meeting, AT), asSecretariat);
        append("Proposal", first, new ObjectionReconsidered(first, body, "o1", Disposition.ACCOMMODATED, 1,
                                                            "Backups may lag a month", gov, "a1", meeting, AT),
               asChair);
        append("Meeting", meeting, new MeetingClosed(meeting, body, gov, AT, null), asChair);
        append("Meeting", meeting, new MinutesSealed(meeting, body, 40, 41, "the sealing checkpoint " + run),
               Map.of("recordedBy", "ledger", "recordedAs", "LEDGER"));
        append("Correction", "k1-" + run, new RecordCorrected(
                "k1-" + run, meeting, 3, "e", AttendanceRecorded.class.getName(), body, "Wrong member ticked",
                "Ministry was ticked for its deputy", null, AT), asSecretariat);
        append("Correction", "k4-" + run, new RecordCorrected(
                "k4-" + run, first, 3, "e", ConcernAnswered.class.getName(), body, "Answer misquoted",
                "A restore deletes again what was deleted since", null, AT), asSecretariat);
        append("Correction", "k2-" + run, new RecordCorrected(
                "k2-" + run, body, 0, "e", BodyEstablished.class.getName(), body, "Name misspelt",
                "Retention, not Retension", null, AT), asSecretariat);
        append("Correction", "k3-" + run, new RecordCorrected(
                "k3-" + run, biz, 0, "e", OrganisationRegistered.class.getName(), null, "Country missing",
                "Acme is based in Portugal", null, AT), asSecretariat);
    }

    @Test
    void theMinutesFollowTheAgendaShowTheCorrectedAttendanceTheSealAndWhoRecordedEachStep() {
        JsonNode minutes = awaitJson("/api/public/meetings/" + meeting,
                                     read -> read.path("meeting").path("corrections").size() == 1);
        assertThat(minutes.path("meeting").path("agenda")).extracting(JsonNode::asText)
                                                         .containsExactly(second, first);
        assertThat(minutes.path("sections")).extracting(section -> section.path("proposalId").asText())
                                            .containsExactly(second, first);
        JsonNode corrected = minutes.path("meeting").path("attendance").get(1);
        assertThat(corrected.path("mode").asText()).isEqualTo("IN_PERSON");
        assertThat(corrected.path("changes").get(0).path("mode").asText()).isEqualTo("REMOTE");
        assertThat(minutes.path("meeting").path("seal").path("checkpointSize").asLong()).isEqualTo(41);
        assertThat(minutes.path("meeting").path("corrections").get(0).path("corrects").asText())
                .isEqualTo("AttendanceRecorded");

        String page = awaitPage("/meetings/" + meeting, found -> found.contains("Wrong member ticked"));
        assertThat(page).contains("<h2 id=\"agenda\">Agenda</h2>")
                        .containsPattern("(?s)Logs for 90 days.*Backups follow retention.*What was done")
                        .contains("corrected to remote").contains("because: Joined by video")
                        .contains("Attendance (2)")
                        .containsPattern(">Open Rights</a>\\s*\\(<span>remote</span><span>, first recorded as "
                                                 + "in person</span>\\)")
                        .contains("Call for consensus ended early").contains("Objection reconsidered after an appeal")
                        .contains("Concern answered").contains("A restore deletes again")
                        .containsPattern("a co-chair&#39;s delegate for <a href=\"/organisations/[^\"]+\">Ministry</a>")
                        .containsPattern("a delegate of <a href=\"/organisations/[^\"]+\">Acme</a>")
                        .contains("Sealed").contains("the sealing checkpoint")
                        .contains("/api/audit/proof/inclusion?index=40&amp;size=41")
                        .containsPattern("Correction of the step</strong>\\s*“<span>Attendance recorded</span>”")
                        .contains("Ministry was ticked for its deputy")
                        .doesNotContain("??").doesNotContain("account-1").doesNotContain("org.consensusledger");
        // The steps follow the agenda: the second proposal's section (nothing done on it) comes first.
        assertThat(page.indexOf("Logs for 90 days")).isLessThan(page.indexOf("Call for consensus opened"));
    }

    @Test
    void theDossierShowsTheCallEndedEarlyTheAnswerBothDispositionsAndTheCompositionWhenDeclared() {
        JsonNode dossier = awaitJson("/api/public/proposals/" + first,
                                     read -> read.path("objections").path(0).path("objection").path("reconsidered").size() == 1);
        JsonNode call = dossier.path("consensusCalls").get(0);
        assertThat(call.path("ended").path("endedBy").asText()).isEqualTo(gov);
        assertThat(call.path("ended").path("reasons").asText()).isEqualTo("Everyone has spoken");
        assertThat(dossier.path("status").asText()).isEqualTo("OPEN");
        JsonNode concern = dossier.path("contributions").get(0);
        assertThat(concern.path("answers").get(0).path("answer").asText()).isEqualTo("A restore deletes again");
        JsonNode objection = dossier.path("objections").get(0).path("objection");
        assertThat(objection.path("disposition").asText()).isEqualTo("NOT_ACCOMMODATED");
        assertThat(objection.path("reconsidered").get(0).path("disposition").asText()).isEqualTo("ACCOMMODATED");
        JsonNode composition = dossier.path("outcomes").get(0).path("composition");
        assertThat(composition.path("applies").asBoolean()).isTrue();
        assertThat(composition.path("coFacilitatedByGovernment").asBoolean()).isTrue();
        assertThat(composition.path("includesPrivateSector").asBoolean()).as("Acme was never admitted").isFalse();
        assertThat(dossier.path("organisationGroups").path(biz).asText()).isEqualTo("PRIVATE_SECTOR");

        String page = awaitPage("/proposals/" + first, found -> found.contains("Answer misquoted"));
        // The correction of the answer stands beside the answer (in its list), not only among all corrections.
        assertThat(page).containsPattern("(?s)<ul class=\"answers\">.*A restore deletes again</span>\\s*"
                                                 + "<ul class=\"corrections\">\\s*<li>.*Correction of the step</strong>"
                                                 + "\\s*“<span>Concern answered</span>”.*Answer misquoted");
        assertThat(page).containsPattern("Ended before its deadline by <a href=\"/organisations/[^\"]+\">Ministry</a>")
                        .contains("Everyone has spoken")
                        .containsPattern("Answered by <a href=\"/organisations/[^\"]+\">Open Rights</a>")
                        .contains("Not accommodated")
                        .contains("Reconsidered after appeal: Accommodated").contains("Backups may lag a month")
                        .contains("Includes a private-sector organisation: no")
                        .doesNotContain("??");

        String timeline = awaitPage("/proposals/" + first + "/timeline", found -> found.contains("reconsidered"));
        assertThat(timeline).contains("<dt>Whose act</dt>")
                            .containsPattern("<dd><a href=\"/organisations/[^\"]+\">Acme</a></dd>")
                            .containsPattern("a delegate of <a href=\"/organisations/[^\"]+\">Acme</a>")
                            .contains("the secretariat")
                            .doesNotContain("account-").doesNotContain("??");
    }

    @Test
    void theBodyShowsItsLongestCallAndTheCorrectionsOfItsRecordAndOfItsMembers() {
        JsonNode shown = awaitJson("/api/public/bodies/" + body, read -> read.path("corrections").size() == 1);
        assertThat(shown.path("maxCallDays").asInt()).isEqualTo(9);
        assertThat(shown.path("corrections").get(0).path("correction").asText()).isEqualTo("Retention, not Retension");
        String page = awaitPage("/bodies/" + body, found -> found.contains("Retention, not Retension"));
        assertThat(page).contains("A call for consensus runs for at most 9 days.")
                        .contains("Corrections of this record")
                        .containsPattern("Correction of the step</strong>\\s*“<span>Body established</span>”")
                        .doesNotContain("??");

        // An organisation's correction is shown beside it wherever it is a member: admit Acme, then it shows.
        append("Body", body, new MemberAdmitted(body, biz, StakeholderGroup.PRIVATE_SECTOR,
                                                AdmissionPath.BY_SECRETARIAT, null, null), asChair);
        JsonNode withAcme = awaitJson("/api/public/bodies/" + body,
                                      read -> read.path("membersByGroup").has("PRIVATE_SECTOR"));
        assertThat(withAcme.path("membersByGroup").path("PRIVATE_SECTOR").get(0).path("corrections").get(0)
                           .path("correction").asText()).isEqualTo("Acme is based in Portugal");
        assertThat(awaitPage("/bodies/" + body, found -> found.contains("Acme is based in Portugal")))
                .containsPattern("Correction of the step</strong>\\s*“<span>Organisation registered</span>”");
    }

    @Test
    void engagementCountsStandAsidesAsAContributionOfTheirOwn() {
        awaitJson("/api/public/proposals/" + first,
                  read -> read.path("objections").path(0).path("objection").path("reconsidered").size() == 1);
        JsonNode engagement = awaitJson("/api/public/engagement?body=" + body,
                                        read -> read.path("groups").size() >= 3);
        JsonNode business = null;
        for (JsonNode group : engagement.path("groups")) {
            if (group.path("stakeholderGroup").asText().equals("PRIVATE_SECTOR")) {
                business = group;
            }
        }
        assertThat(business).isNotNull();
        assertThat(business.path("standAsides").asInt()).isEqualTo(1);
        assertThat(business.path("objections").asInt()).isEqualTo(1);
        assertThat(business.path("contributions").asInt()).isEqualTo(2);
        assertThat(business.path("objectionsAccommodated").asInt()).as("the disposition in force").isEqualTo(1);
    }

    @Test
    void everyReadModelDocumentOfItIsWhatTheLogSaysDerivedAgainByTheSelfCheck() throws Exception {
        awaitJson("/api/public/meetings/" + meeting, read -> read.path("meeting").path("corrections").size() == 1);
        awaitJson("/api/public/bodies/" + body, read -> read.path("corrections").size() == 1);
        Report report = selfCheck.runFullPass().get(2, TimeUnit.MINUTES);
        assertThat(report.problems()).as("the self-check over the new events and their corrections").isEmpty();
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> ready) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get(path);
            return response.statusCode() == 200 ? json(response) : null;
        }, read -> read != null && ready.test(read));
    }
}
