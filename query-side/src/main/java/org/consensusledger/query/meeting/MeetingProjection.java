package org.consensusledger.query.meeting;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.dossier.Recorders;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceCorrected;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
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
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.projection.ReadModel;
import org.consensusledger.query.projection.Recording;
import org.consensusledger.query.projection.Rebuilds;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Keeps {@code public_meetings}: each meeting's agenda, attendance and everything done in it, which makes its
 * minutes, the checkpoint that seals them and the corrections of its record.
 */
@Component
@ProcessingGroup("meetings")
class MeetingProjection {


    private final ReadModel<MeetingDocument> meetings;

    private final Rebuilds rebuilds;

    MeetingProjection(LedgerDatabase database, Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.meetings = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_MEETINGS, MeetingDocument.class));
    }

    ReadModel<MeetingDocument> meetings() {
        return meetings;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        meetings.clear();
        rebuilds.cleared();
    }

    @EventHandler
    void on(MeetingScheduled event, TrackingToken token) {
        meetings.create(token, MeetingDocument.scheduled(event.meetingId(), event.bodyId(), event.title(),
                                                         event.startsAt(), event.format(), event.location()));
    }

    @EventHandler
    void on(MeetingOpened event, TrackingToken token, EventMessage<?> message) {
        meetings.update(token, event.meetingId(), meeting -> meeting.opened(event.openedBy(), event.occurredAt(),
                                                                            entered(message)));
    }

    @EventHandler
    void on(AttendanceRecorded event, TrackingToken token, DomainEventMessage<?> message) {
        meetings.update(token, event.meetingId(), meeting -> meeting.attended(new MeetingDocument.Attendance(
                event.organisationId(), event.mode(), event.occurredAt(), message.getSequenceNumber(),
                recordedAs(message), actingFor(message), List.of())));
    }

    @EventHandler
    void on(AttendanceCorrected event, TrackingToken token, DomainEventMessage<?> message) {
        meetings.update(token, event.meetingId(), meeting -> meeting.attendanceChanged(
                event.organisationId(), new MeetingDocument.AttendanceChange(
                        event.mode(), event.reason(), event.occurredAt(), message.getTimestamp(),
                        token.position().orElseThrow(), recordedAs(message), actingFor(message))));
    }

    @EventHandler
    void on(AgendaSet event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.withAgenda(event.proposalIds()));
    }

    @EventHandler
    void on(MeetingClosed event, TrackingToken token, EventMessage<?> message) {
        meetings.update(token, event.meetingId(), meeting -> meeting.closed(event.closedBy(), event.occurredAt(),
                                                                            event.checkpoint(), entered(message)));
    }

    @EventHandler
    void on(MinutesSealed event, TrackingToken token, @Timestamp Instant recordedAt) {
        meetings.update(token, event.meetingId(), meeting -> meeting.sealed(new MeetingDocument.Seal(
                event.closingPosition(), event.checkpointSize(), event.checkpoint(), token.position().orElseThrow(),
                recordedAt)));
    }

    @EventHandler
    void on(MeetingCancelled event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.cancelled(event.reason()));
    }

    /** A correction of a meeting's own record (of a proposal's step, the proposal's dossier shows it). */
    @EventHandler
    void on(RecordCorrected event, TrackingToken token, EventMessage<?> message) {
        meetings.update(token, event.correctedAggregateId(), meeting -> meeting.corrected(DossierFold.correction(
                event, null, message.getTimestamp(), token.position().orElseThrow(), recordedAs(message),
                actingFor(message))));
    }

    @EventHandler
    void on(ProposalEvent event, TrackingToken token, DomainEventMessage<?> message) {
        if (event.meetingId() == null) {
            return;
        }
        meetings.update(token, event.meetingId(), meeting -> meeting.with(new MeetingDocument.Item(
                token.position().orElseThrow(), message.getSequenceNumber(), event.getClass().getSimpleName(),
                event.proposalId(), DossierFold.memberOf(event), detail(event), code(event), until(event),
                event.occurredAt(), message.getTimestamp(), recordedAs(message), actingFor(message))));
    }

    private static MeetingDocument.Entered entered(EventMessage<?> message) {
        return new MeetingDocument.Entered(message.getTimestamp(), recordedAs(message), actingFor(message));
    }

    private static String recordedAs(EventMessage<?> message) {
        return Recorders.role(Recording.recordedAs(message), actingFor(message));
    }

    private static String actingFor(EventMessage<?> message) {
        return Recording.actingFor(message);
    }

    /**
     * A step's text, for the minutes: its title, grounds, reasons, rationale or comment. Every type of proposal event
     * is named, and any other refused, so that no step of a meeting is passed over in its minutes.
     */
    static String detail(ProposalEvent event) {
        if (event instanceof ProposalSubmitted submitted) {
            return submitted.title();
        } else if (event instanceof ProposalRevised revised) {
            return revised.summary();
        } else if (event instanceof SupportExpressed support) {
            return support.comment();
        } else if (event instanceof StandAsideRecorded standAside) {
            return standAside.reason();
        } else if (event instanceof ConcernRaised concern) {
            return concern.text();
        } else if (event instanceof ConcernAnswered answered) {
            return answered.answer();
        } else if (event instanceof ObjectionRaised objection) {
            return objection.grounds();
        } else if (event instanceof ObjectionAddressed addressed) {
            return addressed.reasons();
        } else if (event instanceof ObjectionReconsidered again) {
            return again.reasons();
        } else if (event instanceof ObjectionWithdrawn withdrawn) {
            return withdrawn.reason();
        } else if (event instanceof ConsensusCallEnded ended) {
            return ended.reasons();
        } else if (event instanceof RoughConsensusDeclared declared) {
            return declared.rationale();
        } else if (event instanceof ConsensusNotReached notReached) {
            return notReached.rationale();
        } else if (event instanceof ProposalDeferred deferred) {
            return deferred.rationale();
        } else if (event instanceof ProposalReopened reopened) {
            return reopened.reason();
        } else if (event instanceof ProposalWithdrawn withdrawn) {
            return withdrawn.reason();
        } else if (event instanceof AppealLodged lodged) {
            return lodged.grounds();
        } else if (event instanceof AppealDecided decided) {
            return decided.reasons();
        } else if (event instanceof ConsensusCallOpened) {
            return null; // its deadline is the step's "until"
        }
        throw new IllegalArgumentException("The minutes have no rule for " + event.getClass().getName());
    }

    /** What a step decided, as a code the page puts in words: a disposition, or an appeal's decision. */
    private static String code(ProposalEvent event) {
        if (event instanceof ObjectionAddressed addressed) {
            return "disposition." + addressed.disposition();
        } else if (event instanceof ObjectionReconsidered again) {
            return "disposition." + again.disposition();
        } else if (event instanceof AppealDecided decided) {
            return "appeal." + decided.decision();
        }
        return null;
    }

    private static Instant until(ProposalEvent event) {
        return event instanceof ConsensusCallOpened call ? call.deadline() : null;
    }
}
