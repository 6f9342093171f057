package org.consensusledger.command.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.meeting.MeetingCommands.CancelMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CloseMeeting;
import org.consensusledger.command.meeting.MeetingCommands.OpenMeeting;
import org.consensusledger.command.meeting.MeetingCommands.RecordAttendance;
import org.consensusledger.command.meeting.MeetingCommands.ScheduleMeeting;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.CurrentCheckpoint;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting of a body: scheduled, opened and closed by a co-chair, with attendance per organisation. Proposals,
 * objections and outcomes name the meeting they happened in; its record is the minutes.
 */
@Aggregate(cache = "meetingCache")
class Meeting {

    @AggregateIdentifier
    private String meetingId;
    private String bodyId;
    private String title;
    private Instant startsAt;
    private MeetingStatus status;
    private Instant openedAt;
    private Instant closedAt;
    private final Map<String, AttendanceMode> attended = new LinkedHashMap<>();
    private String checkpoint;
    /** The latest moment recorded in the meeting: it cannot have closed before it. */
    private Instant lastRecorded;

    Meeting() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Meeting(ScheduleMeeting command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(command.bodyId()), "schedule");
        if (command.format() != MeetingFormat.VIRTUAL
                && (command.location() == null || command.location().isBlank())) {
            throw new RuleViolation("meeting-needs-location", "A meeting held " + command.format()
                    + " needs a location");
        }
        apply(new MeetingScheduled(command.meetingId(), command.bodyId(), command.title().strip(), command.startsAt(),
                                   command.format(), command.location()));
    }

    @CommandHandler
    long handle(OpenMeeting command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), "open");
        requireStatus(MeetingStatus.SCHEDULED, "opened");
        apply(new MeetingOpened(meetingId, bodyId, command.actor().organisationId(),
                                LedgerTime.occurredAt(command.occurredAt(), null)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RecordAttendance command, Directory directory) {
        BodyView body = directory.requireBody(bodyId);
        requireCoChair(command.actor(), body, "record attendance of");
        if (status == MeetingStatus.SCHEDULED || status == MeetingStatus.CANCELLED) {
            throw new RuleViolation("meeting-not-open", "Meeting " + meetingId + " is " + status
                    + ": attendance is recorded once it has been opened");
        }
        if (!body.isMember(command.organisationId())) {
            throw new RuleViolation("attendee-not-member", "Organisation " + command.organisationId()
                    + " is not a member of body " + bodyId);
        }
        if (attended.containsKey(command.organisationId())) {
            throw new RuleViolation("attendance-already-recorded", "The attendance of organisation "
                    + command.organisationId() + " at meeting " + meetingId + " is already recorded; a mistake in "
                    + "it is corrected with POST /api/corrections");
        }
        apply(new AttendanceRecorded(meetingId, bodyId, command.organisationId(), command.mode(),
                                     LedgerTime.occurredAt(command.occurredAt(), view())));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(CloseMeeting command, Directory directory, CurrentCheckpoint checkpoint) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), "close");
        requireStatus(MeetingStatus.OPEN, "closed");
        Instant closedAt = LedgerTime.occurredAt(command.occurredAt(), view());
        if (lastRecorded != null && closedAt.isBefore(lastRecorded)) {
            throw new RuleViolation("closed-before-recorded", "Meeting " + meetingId + " cannot have closed at "
                    + closedAt + ": attendance is recorded in it at " + lastRecorded);
        }
        // The minutes commit to the whole log as signed at this moment.
        apply(new MeetingClosed(meetingId, bodyId, command.actor().organisationId(), closedAt,
                                checkpoint.note().orElse(null)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(CancelMeeting command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), "cancel");
        requireStatus(MeetingStatus.SCHEDULED, "cancelled");
        apply(new MeetingCancelled(meetingId, bodyId, command.actor().organisationId(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    private static void requireCoChair(Actor actor, BodyView body, String what) {
        if (!body.isCoChair(actor.organisationId())) {
            throw new NotAllowed("Only a co-chair of body " + body.bodyId() + " may " + what + " its meetings; "
                                         + "this token is " + actor.describe());
        }
    }

    private void requireStatus(MeetingStatus required, String what) {
        if (status != required) {
            throw new RuleViolation("meeting-" + status.name().toLowerCase(), "Meeting " + meetingId + " is "
                    + status + ": only a meeting that is " + required + " can be " + what);
        }
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        meetingId = event.meetingId();
        bodyId = event.bodyId();
        title = event.title();
        startsAt = event.startsAt();
        status = MeetingStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(MeetingOpened event) {
        status = MeetingStatus.OPEN;
        openedAt = event.occurredAt();
    }

    @EventSourcingHandler
    void on(AttendanceRecorded event) {
        attended.put(event.organisationId(), event.mode());
        if (lastRecorded == null || event.occurredAt().isAfter(lastRecorded)) {
            lastRecorded = event.occurredAt();
        }
    }

    @EventSourcingHandler
    void on(MeetingClosed event) {
        status = MeetingStatus.CLOSED;
        closedAt = event.occurredAt();
        checkpoint = event.checkpoint();
    }

    @EventSourcingHandler
    void on(MeetingCancelled event) {
        status = MeetingStatus.CANCELLED;
    }

    /** The meeting as it stands, for a co-chair's screen. */
    MeetingState state() {
        return new MeetingState(meetingId, bodyId, title, startsAt, status, openedAt, closedAt,
                                new LinkedHashMap<>(attended),
                                checkpoint);
    }

    MeetingView view() {
        return new MeetingView(meetingId, bodyId, status, openedAt, closedAt);
    }
}
