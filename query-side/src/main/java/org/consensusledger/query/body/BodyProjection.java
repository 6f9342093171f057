package org.consensusledger.query.body;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.body.MembershipRequested;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.body.BodyDocument.Member;
import org.consensusledger.query.body.BodyDocument.MeetingSummary;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;
import org.consensusledger.query.body.BodyDocument.Request;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.UnaryOperator;

/** Keeps {@code public_bodies}: each body's membership, meetings and proposals with their outcomes. */
@Component
@ProcessingGroup("bodies")
class BodyProjection {

    private final Bodies bodies;

    BodyProjection(Bodies bodies) {
        this.bodies = bodies;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        bodies.model().clear();
    }

    @EventHandler
    void on(BodyEstablished event, TrackingToken token, @Timestamp Instant recordedAt) {
        bodies.model().create(token, BodyDocument.established(event.bodyId(), event.name(), event.kind(),
                                                              event.parentBodyId(), event.mandate(), recordedAt));
    }

    @EventHandler
    void on(CoChairAppointed event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withCoChairs(coChairs -> {
            coChairs.add(event.organisationId());
            return coChairs;
        }));
    }

    @EventHandler
    void on(CoChairRelieved event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withCoChairs(coChairs -> {
            coChairs.remove(event.organisationId());
            return coChairs;
        }));
    }

    @EventHandler
    void on(MembershipRequested event, TrackingToken token, @Timestamp Instant recordedAt) {
        update(token, event.bodyId(), body -> body.withRequests(requests -> {
            requests.add(new Request(event.organisationId(), event.stakeholderGroup(), event.requestedBy(),
                                     recordedAt));
            return requests;
        }));
    }

    @EventHandler
    void on(MemberAdmitted event, TrackingToken token, @Timestamp Instant recordedAt) {
        update(token, event.bodyId(), body -> body
                .withRequests(requests -> {
                    requests.removeIf(request -> request.organisationId().equals(event.organisationId()));
                    return requests;
                })
                .withMembers(members -> {
                    members.add(new Member(event.organisationId(), event.stakeholderGroup(), event.path(),
                                           event.requestedBy(), event.admittedBy(), recordedAt));
                    return members;
                }));
    }

    @EventHandler
    void on(MemberWithdrawn event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMembers(members -> {
            members.removeIf(member -> member.organisationId().equals(event.organisationId()));
            return members;
        }));
    }

    @EventHandler
    void on(MandateAmended event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMandate(event.mandate()));
    }

    @EventHandler
    void on(MeetingScheduled event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMeetings(meetings -> {
            meetings.add(new MeetingSummary(event.meetingId(), event.title(), event.startsAt(), event.format(),
                                            event.location(), "SCHEDULED", null, null));
            return meetings;
        }));
    }

    @EventHandler
    void on(MeetingOpened event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMeeting(event.meetingId(), meeting -> new MeetingSummary(
                meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(), "OPEN",
                event.occurredAt(), null)));
    }

    @EventHandler
    void on(MeetingClosed event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMeeting(event.meetingId(), meeting -> new MeetingSummary(
                meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(),
                "CLOSED", meeting.openedAt(), event.occurredAt())));
    }

    @EventHandler
    void on(MeetingCancelled event, TrackingToken token) {
        update(token, event.bodyId(), body -> body.withMeeting(event.meetingId(), meeting -> new MeetingSummary(
                meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(),
                "CANCELLED", null, null)));
    }

    @EventHandler
    void on(ProposalSubmitted event, TrackingToken token, @Timestamp Instant recordedAt) {
        update(token, event.bodyId(), body -> body.withProposals(proposals -> {
            proposals.add(new ProposalSummary(event.proposalId(), event.title(), event.proposedBy(), recordedAt,
                                              "OPEN", null, null, null, null, 0));
            return proposals;
        }));
    }

    @EventHandler
    void on(RoughConsensusDeclared event, TrackingToken token, @Timestamp Instant recordedAt) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.decided(
                "ROUGH_CONSENSUS", event.version(), recordedAt, event.meetingId(), event.dissent().size()));
    }

    @EventHandler
    void on(ConsensusNotReached event, TrackingToken token, @Timestamp Instant recordedAt) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.decided(
                "NO_CONSENSUS", event.version(), recordedAt, event.meetingId(), 0));
    }

    @EventHandler
    void on(ProposalDeferred event, TrackingToken token) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.withStatus("DEFERRED"));
    }

    @EventHandler
    void on(ProposalReopened event, TrackingToken token) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.withStatus("OPEN"));
    }

    @EventHandler
    void on(ProposalWithdrawn event, TrackingToken token) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.withStatus("WITHDRAWN"));
    }

    @EventHandler
    void on(AppealLodged event, TrackingToken token) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> proposal.withStatus("APPEALED"));
    }

    @EventHandler
    void on(AppealDecided event, TrackingToken token) {
        proposal(token, event.bodyId(), event.proposalId(), proposal -> event.decision() == AppealDecision.UPHELD
                ? new ProposalSummary(proposal.proposalId(), proposal.title(), proposal.proposedBy(),
                                      proposal.submittedAt(), "OPEN", null, null, null, null, 0)
                : proposal.withStatus("DECIDED"));
    }

    private void proposal(TrackingToken token, String bodyId, String proposalId,
                          UnaryOperator<ProposalSummary> change) {
        update(token, bodyId, body -> body.withProposal(proposalId, change));
    }

    private void update(TrackingToken token, String bodyId, UnaryOperator<BodyDocument> change) {
        bodies.model().update(token, bodyId, change);
    }
}
