package org.consensusledger.query.meeting;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
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
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

/** Keeps {@code public_meetings}: each meeting's attendance and everything done in it, which makes its minutes. */
@Component
@ProcessingGroup("meetings")
class MeetingProjection {

    static final String COLLECTION = "public_meetings";

    private final ReadModel<MeetingDocument> meetings;

    MeetingProjection(LedgerDatabase database) {
        this.meetings = new ReadModel<>(database.get().getCollection(COLLECTION, MeetingDocument.class));
    }

    ReadModel<MeetingDocument> meetings() {
        return meetings;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        meetings.clear();
    }

    @EventHandler
    void on(MeetingScheduled event, TrackingToken token) {
        meetings.create(token, new MeetingDocument(event.meetingId(), -1, event.bodyId(), event.title(),
                                                   event.startsAt(), event.format(), event.location(), "SCHEDULED",
                                                   null, null, null, null, null, null, List.of(), List.of()));
    }

    @EventHandler
    void on(MeetingOpened event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.opened(event.openedBy(), event.occurredAt()));
    }

    @EventHandler
    void on(AttendanceRecorded event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.attended(new MeetingDocument.Attendance(
                event.organisationId(), event.mode(), event.occurredAt())));
    }

    @EventHandler
    void on(MeetingClosed event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.closed(event.closedBy(), event.occurredAt(),
                                                                                      event.checkpoint()));
    }

    @EventHandler
    void on(MeetingCancelled event, TrackingToken token) {
        meetings.update(token, event.meetingId(), meeting -> meeting.cancelled(event.reason()));
    }

    @EventHandler
    void on(ProposalEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event.meetingId() == null) {
            return;
        }
        Map.Entry<String, String> who = whoAndWhat(event);
        meetings.update(token, event.meetingId(), meeting -> meeting.with(new MeetingDocument.Item(
                token.position().orElseThrow(), event.getClass().getSimpleName(), event.proposalId(), who.getKey(),
                who.getValue(), event.occurredAt(), recordedAt)));
    }

    /** The organisation a step is by, and its text, for the minutes. */
    private static Map.Entry<String, String> whoAndWhat(ProposalEvent event) {
        if (event instanceof ProposalSubmitted submitted) {
            return entry(submitted.proposedBy(), submitted.title());
        } else if (event instanceof ProposalRevised revised) {
            return entry(revised.revisedBy(), "version " + revised.version() + ": " + revised.summary());
        } else if (event instanceof ConsensusCallOpened call) {
            return entry(call.openedBy(), call.deadline() == null ? null : "until " + call.deadline());
        } else if (event instanceof SupportExpressed support) {
            return entry(support.organisationId(), support.comment());
        } else if (event instanceof StandAsideRecorded standAside) {
            return entry(standAside.organisationId(), standAside.reason());
        } else if (event instanceof ConcernRaised concern) {
            return entry(concern.organisationId(), concern.text());
        } else if (event instanceof ObjectionRaised objection) {
            return entry(objection.organisationId(), objection.grounds());
        } else if (event instanceof ObjectionAddressed addressed) {
            return entry(addressed.addressedBy(), addressed.disposition() + (addressed.reasons() == null ? ""
                    : ": " + addressed.reasons()));
        } else if (event instanceof ObjectionWithdrawn withdrawn) {
            return entry(withdrawn.organisationId(), withdrawn.reason());
        } else if (event instanceof RoughConsensusDeclared declared) {
            return entry(declared.declaredBy(), declared.rationale());
        } else if (event instanceof ConsensusNotReached notReached) {
            return entry(notReached.declaredBy(), notReached.rationale());
        } else if (event instanceof ProposalDeferred deferred) {
            return entry(deferred.declaredBy(), deferred.rationale());
        } else if (event instanceof ProposalReopened reopened) {
            return entry(reopened.reopenedBy(), reopened.reason());
        } else if (event instanceof ProposalWithdrawn withdrawn) {
            return entry(withdrawn.withdrawnBy(), withdrawn.reason());
        } else if (event instanceof AppealLodged lodged) {
            return entry(lodged.appellant(), lodged.grounds());
        } else if (event instanceof AppealDecided decided) {
            return entry(decided.decidedBy(), decided.decision() + ": " + decided.reasons());
        }
        return entry(null, null);
    }

    private static Map.Entry<String, String> entry(String organisation, String detail) {
        return new AbstractMap.SimpleImmutableEntry<>(organisation, detail);
    }
}
