package org.consensusledger.events;

import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.body.MembershipRequested;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceCorrected;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
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
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;

import java.time.Instant;
import java.util.List;

/**
 * One fully populated instance of every event type: for the golden files, and for the other modules' tests that put
 * every event type through their folds.
 */
public final class EventSamples {

    static final String ORGANISATION = "6f1c2a8e-0d4b-4f57-9a43-2b7d2f6c1a01";
    static final String OTHER_ORGANISATION = "6f1c2a8e-0d4b-4f57-9a43-2b7d2f6c1a02";
    static final String PLENARY = "2b0d9c55-7e1f-4c3a-8d22-5f0e6a7b8c01";
    static final String BODY = "2b0d9c55-7e1f-4c3a-8d22-5f0e6a7b8c02";
    static final String MEETING = "9a7e3f10-5c2d-4b8e-a1f4-3d6c0b2e7f01";
    static final String PROPOSAL = "c4d2e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e01";
    static final String OBJECTION = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a01";
    static final String SHA = "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7";
    static final Instant AT = Instant.parse("2026-03-04T09:30:15.123456789Z");
    static final Instant LATER = Instant.parse("2026-03-11T17:00:00Z");

    private EventSamples() {
    }

    /** The samples of the event types that are {@code type}s (a sealed interface's: one of each of its types). */
    public static <T> List<T> of(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public static List<Object> all() {
        return List.of(
                new OrganisationRegistered(ORGANISATION, "Open Rights Network", StakeholderGroup.CIVIL_SOCIETY, "KE"),
                new BodyEstablished(BODY, "Working group on data governance", BodyKind.WORKING_GROUP, PLENARY,
                                    "Draft principles for cross-border data flows.", "Europe/Zurich"),
                new CoChairAppointed(BODY, ORGANISATION),
                new CoChairRelieved(BODY, ORGANISATION, "Term ended"),
                new MembershipRequested(BODY, OTHER_ORGANISATION, StakeholderGroup.GOVERNMENT, ORGANISATION),
                new MemberAdmitted(BODY, OTHER_ORGANISATION, StakeholderGroup.PRIVATE_SECTOR, AdmissionPath.ON_REQUEST,
                                   OTHER_ORGANISATION, null),
                new MemberWithdrawn(BODY, OTHER_ORGANISATION, "Merged into another member"),
                new MandateAmended(BODY, "Draft and review principles for cross-border data flows.",
                                   "Plenary decision of 2026-02-01"),
                new ConsensusCallLimitSet(BODY, 21),
                new MeetingScheduled(MEETING, BODY, "Third session", LATER, MeetingFormat.HYBRID, "Nairobi and online"),
                new MeetingOpened(MEETING, BODY, ORGANISATION, AT),
                new AttendanceRecorded(MEETING, BODY, OTHER_ORGANISATION, AttendanceMode.REMOTE, AT),
                new MeetingClosed(MEETING, BODY, ORGANISATION, LATER, "ledger.example.org\n12\n"
                        + "zqy7oCEFxSpe1tBbxsLlFeyLq/sGPSlsyxCfIKmCpIQ=\n\n— ledger.example.org 3VYX4ztyc/Y8mTzOzjabfNhC"
                        + "jSsnEBZKWg4jcyXP4f3uJqu6qMxT+rgkrAtQUmDuKg1VfnFbbB1R1Jq9t9Y9CNi4E18=\n"),
                new MeetingCancelled(MEETING, BODY, ORGANISATION, "No quorum expected"),
                new AgendaSet(MEETING, BODY, List.of(PROPOSAL, "c4d2e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e02"), ORGANISATION),
                new AttendanceCorrected(MEETING, BODY, OTHER_ORGANISATION, AttendanceMode.IN_PERSON,
                                        "Ticked as remote by mistake", AT),
                new MinutesSealed(MEETING, BODY, 41, 42, "ledger.example.org\n42\n"
                        + "zqy7oCEFxSpe1tBbxsLlFeyLq/sGPSlsyxCfIKmCpIQ=\n\n— ledger.example.org 3VYX4ztyc/Y8mTzOzjabfNhC"
                        + "jSsnEBZKWg4jcyXP4f3uJqu6qMxT+rgkrAtQUmDuKg1VfnFbbB1R1Jq9t9Y9CNi4E18=\n"),
                new ProposalSubmitted(PROPOSAL, BODY, ORGANISATION, "Principle 1", "Data flows should be lawful.", SHA,
                                      MEETING, AT),
                new ProposalRevised(PROPOSAL, BODY, 2, "Data flows should be lawful and fair.", SHA,
                                    "Adds fairness", ORGANISATION, MEETING, AT),
                new ConsensusCallOpened(PROPOSAL, BODY, 2, LATER, ORGANISATION, MEETING, AT),
                new SupportExpressed(PROPOSAL, BODY, OTHER_ORGANISATION, StakeholderGroup.ACADEMIA, 2, "Well drafted",
                                     MEETING, AT),
                new StandAsideRecorded(PROPOSAL, BODY, OTHER_ORGANISATION, StakeholderGroup.MULTILATERAL, 2,
                                       "Outside our mandate", MEETING, AT),
                new ConcernRaised(PROPOSAL, BODY, "d0c0ffee-0000-4000-8000-000000000001", OTHER_ORGANISATION,
                                  StakeholderGroup.TECHNICAL_COMMUNITY, 1, "Define 'fair'", MEETING, AT),
                new ObjectionRaised(PROPOSAL, BODY, OBJECTION, OTHER_ORGANISATION, StakeholderGroup.GOVERNMENT, 1,
                                    "Conflicts with national law", MEETING, AT),
                new ObjectionAddressed(PROPOSAL, BODY, OBJECTION, Disposition.ACCOMMODATED, 2, "Version 2 adds it",
                                       ORGANISATION, MEETING, AT),
                new ObjectionWithdrawn(PROPOSAL, BODY, OBJECTION, OTHER_ORGANISATION, "Satisfied by version 2",
                                       MEETING, AT),
                new RoughConsensusDeclared(PROPOSAL, BODY, 2, SHA, "All objections addressed",
                                           List.of(new Dissent(OBJECTION, OTHER_ORGANISATION,
                                                               StakeholderGroup.GOVERNMENT,
                                                               "Conflicts with national law",
                                                               "The text leaves national law untouched")),
                                           List.of(new GroupTally(StakeholderGroup.GOVERNMENT, 0, 0, 0, 1),
                                                   new GroupTally(StakeholderGroup.ACADEMIA, 1, 0, 1, 0)),
                                           ORGANISATION, MEETING, AT),
                new ConsensusNotReached(PROPOSAL, BODY, 2, "Sustained objections from two groups",
                                        List.of(new GroupTally(StakeholderGroup.CIVIL_SOCIETY, 2, 1, 0, 3)),
                                        ORGANISATION, null, AT),
                new ProposalDeferred(PROPOSAL, BODY, 2, "Wait for the legal review", ORGANISATION, MEETING, AT),
                new ProposalReopened(PROPOSAL, BODY, "Legal review done", ORGANISATION, null, LATER),
                new ProposalWithdrawn(PROPOSAL, BODY, ORGANISATION, "Superseded", null, AT),
                new AppealLodged(PROPOSAL, BODY, "a9900000-0000-4000-8000-000000000001", OTHER_ORGANISATION,
                                 "Our objection was not heard", null, AT),
                new AppealDecided(PROPOSAL, BODY, "a9900000-0000-4000-8000-000000000001", AppealDecision.DISMISSED,
                                  "The minutes show it was heard and answered", OTHER_ORGANISATION, MEETING, LATER),
                new ConsensusCallEnded(PROPOSAL, BODY, OTHER_ORGANISATION, "Every member has spoken", MEETING, AT),
                new ConcernAnswered(PROPOSAL, BODY, "d0c0ffee-0000-4000-8000-000000000001",
                                    "Fair as in the OECD guidelines", ORGANISATION, MEETING, AT),
                new ObjectionReconsidered(PROPOSAL, BODY, OBJECTION, Disposition.NOT_ACCOMMODATED, null,
                                          "National law is left to each member", OTHER_ORGANISATION,
                                          "a9900000-0000-4000-8000-000000000001", MEETING, LATER),
                new RecordCorrected("c0220000-0000-4000-8000-000000000001", PROPOSAL, 4,
                                    "7d4e1b2a-0000-4000-8000-000000000001",
                                    "org.consensusledger.events.proposal.ObjectionRaised", BODY,
                                    "Raised by the wrong delegation", "It was raised by " + ORGANISATION,
                                    ORGANISATION, AT));
    }
}
