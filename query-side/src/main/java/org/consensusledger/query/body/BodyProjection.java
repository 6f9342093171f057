package org.consensusledger.query.body;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.BodyEvent;
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
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle.Stage;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.body.BodyDocument.MeetingSummary;
import org.consensusledger.query.body.BodyDocument.Member;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;
import org.consensusledger.query.body.BodyDocument.Request;
import org.consensusledger.query.projection.Recording;
import org.consensusledger.query.projection.Rebuilds;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keeps {@code public_bodies} (each body's membership and meetings) and {@code public_body_proposals} (each body's
 * proposals with their outcomes, one document per proposal).
 */
@Component
@ProcessingGroup("bodies")
class BodyProjection {

    private final Bodies bodies;
    private final BodyProposals proposals;

    private final Rebuilds rebuilds;

    BodyProjection(Bodies bodies, BodyProposals proposals, Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.bodies = bodies;
        this.proposals = proposals;
    }

    /** A replay rebuilds the read models from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        bodies.model().clear();
        proposals.model().clear();
        rebuilds.cleared();
    }

    @EventHandler
    void on(BodyEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof BodyEstablished) {
            bodies.model().create(token, evolve(null, event, recordedAt));
        } else {
            update(token, event.bodyId(), event, recordedAt);
        }
    }

    @EventHandler
    void on(MeetingEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        update(token, event.bodyId(), event, recordedAt);
    }

    @EventHandler
    void on(ProposalEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event instanceof ProposalSubmitted) {
            long position = token.position().orElseThrow();
            proposals.model().create(token, new BodyProposalDocument(
                    event.proposalId(), -1, event.bodyId(), position, summary(null, event, recordedAt)));
        } else {
            proposals.model().update(token, event.proposalId(),
                                     proposal -> proposal.with(summary(proposal.proposal(), event, recordedAt)));
        }
    }

    /** A correction of a body's own record, kept with the body to be shown beside it. */
    @EventHandler
    void on(RecordCorrected event, TrackingToken token, EventMessage<?> message) {
        bodies.model().update(token, event.correctedAggregateId(), body -> body.corrected(DossierFold.correction(
                event, null, message.getTimestamp(), token.position().orElseThrow(),
                Recording.recordedAs(message), Recording.actingFor(message))));
    }

    private void update(TrackingToken token, String bodyId, Object event, Instant recordedAt) {
        bodies.model().update(token, bodyId, body -> evolve(body, event, recordedAt));
    }

    /**
     * The body after one more event of it, its meetings or its proposals ({@code body} is null before it was
     * established). The live projection uses it for the body's and its meetings' events (a proposal's go to its own
     * document, through {@link #summary}), the time travel of {@link BodyHistory} for all, so they cannot differ.
     * Every type of those events is named, those that change nothing here too; any other is refused.
     */
    static BodyDocument evolve(BodyDocument body, Object event, Instant recordedAt) {
        if (body == null && !(event instanceof BodyEstablished)) {
            return null;
        }
        if (event instanceof BodyEstablished established) {
            return BodyDocument.established(established.bodyId(), established.name(), established.kind(),
                                            established.parentBodyId(), established.mandate(), recordedAt,
                                            established.timeZone());
        } else if (event instanceof CoChairAppointed appointed) {
            return body.withCoChairs(add(appointed.organisationId()));
        } else if (event instanceof CoChairRelieved relieved) {
            return body.withCoChairs(coChairs -> {
                coChairs.remove(relieved.organisationId());
                return coChairs;
            });
        } else if (event instanceof MembershipRequested requested) {
            return body.withRequests(add(new Request(requested.organisationId(), requested.stakeholderGroup(),
                                                     requested.requestedBy(), recordedAt)));
        } else if (event instanceof MemberAdmitted admitted) {
            return body.withRequests(requests -> {
                requests.removeIf(request -> request.organisationId().equals(admitted.organisationId()));
                return requests;
            }).withMembers(add(new Member(admitted.organisationId(), admitted.stakeholderGroup(), admitted.path(),
                                          admitted.requestedBy(), admitted.admittedBy(), recordedAt)));
        } else if (event instanceof MemberWithdrawn withdrawn) {
            return body.withMembers(members -> {
                members.removeIf(member -> member.organisationId().equals(withdrawn.organisationId()));
                return members;
            });
        } else if (event instanceof MandateAmended amended) {
            return body.withMandate(amended.mandate());
        } else if (event instanceof ConsensusCallLimitSet limit) {
            return body.withMaxCallDays(limit.maxCallDays());
        } else if (event instanceof MeetingEvent meetingEvent) {
            return meeting(body, meetingEvent, recordedAt);
        } else if (event instanceof ProposalSubmitted submitted) {
            return body.withProposals(add(summary(null, submitted, recordedAt)));
        } else if (event instanceof ProposalEvent proposalEvent) {
            return body.withProposal(proposalEvent.proposalId(),
                                     proposal -> summary(proposal, proposalEvent, recordedAt));
        }
        throw unhandled(event);
    }

    private static BodyDocument meeting(BodyDocument body, MeetingEvent event, Instant recordedAt) {
        if (event instanceof MeetingScheduled scheduled) {
            return body.withMeetings(add(new MeetingSummary(scheduled.meetingId(), scheduled.title(),
                                                            scheduled.startsAt(), scheduled.format(),
                                                            scheduled.location(), "SCHEDULED", null, null)));
        } else if (event instanceof MeetingOpened opened) {
            return body.withMeeting(opened.meetingId(), meeting -> new MeetingSummary(
                    meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(),
                    "OPEN", opened.occurredAt(), null));
        } else if (event instanceof MeetingClosed closed) {
            return body.withMeeting(closed.meetingId(), meeting -> new MeetingSummary(
                    meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(),
                    "CLOSED", meeting.openedAt(), closed.occurredAt(), recordedAt));
        } else if (event instanceof MeetingCancelled cancelled) {
            return body.withMeeting(cancelled.meetingId(), meeting -> new MeetingSummary(
                    meeting.meetingId(), meeting.title(), meeting.startsAt(), meeting.format(), meeting.location(),
                    "CANCELLED", null, null));
        } else if (event instanceof AttendanceRecorded || event instanceof AttendanceCorrected
                || event instanceof AgendaSet || event instanceof MinutesSealed) {
            // The meeting's own page shows its attendance, agenda and seal; the body's lists when and where it is.
            return body;
        }
        throw unhandled(event);
    }

    /** Java 17 has no exhaustive switch: a type of event the folds here do not name is refused, not passed over. */
    private static IllegalArgumentException unhandled(Object event) {
        return new IllegalArgumentException("The body's page has no rule for " + event.getClass().getName());
    }

    /**
     * A proposal's summary after one more event of it ({@code current} is null before its submission); the same
     * summary if the event changes nothing here. Where the proposal stands is its lifecycle's to say; a declaration
     * adds when and in which version it was decided. The live projection and the time travel both use it.
     */
    static ProposalSummary summary(ProposalSummary current, ProposalEvent event, Instant recordedAt) {
        if (event instanceof ProposalSubmitted submitted) {
            return ProposalSummary.submitted(event.proposalId(), submitted.title(), submitted.proposedBy(),
                                             recordedAt);
        } else if (current == null) {
            return null;
        }
        Stage stage = new Stage(current.status(), current.outcome()).after(event);
        if (event instanceof RoughConsensusDeclared declared) {
            return current.decided(stage, declared.version(), recordedAt, declared.meetingId(),
                                   declared.dissent().size());
        } else if (event instanceof ConsensusNotReached notReached) {
            return current.decided(stage, notReached.version(), recordedAt, notReached.meetingId(), 0);
        }
        return current.moved(stage);
    }

    private static <T> UnaryOperator<List<T>> add(T item) {
        return items -> {
            items.add(item);
            return items;
        };
    }
}
