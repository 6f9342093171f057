package org.consensusledger.command.meeting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.meeting.MeetingCommands.CancelMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CloseMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CorrectAttendance;
import org.consensusledger.command.meeting.MeetingCommands.OpenMeeting;
import org.consensusledger.command.meeting.MeetingCommands.RecordAttendance;
import org.consensusledger.command.meeting.MeetingCommands.ScheduleMeeting;
import org.consensusledger.command.meeting.MeetingCommands.SealMinutes;
import org.consensusledger.command.meeting.MeetingCommands.SetAgenda;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.CurrentCheckpoint;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.Directory.ProposalView;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceCorrected;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A meeting of a body: scheduled, opened and closed by a co-chair (or recorded after the fact by the secretariat),
 * with attendance per organisation (correctable), and an agenda of the body's proposals. Proposals, objections and
 * outcomes name the meeting they happened in; its record is the minutes, sealed after closing by a signed checkpoint
 * that covers them.
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
    private final List<String> agenda = new ArrayList<>();
    private String checkpoint;
    private boolean sealed;
    /** The latest moment recorded in the meeting: it cannot have closed before it. */
    private Instant lastRecorded;

    Meeting() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Meeting(ScheduleMeeting command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(command.bodyId()), directory, "schedule");
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
        requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "open");
        requireStatus(MeetingStatus.SCHEDULED, "opened");
        apply(new MeetingOpened(meetingId, bodyId, command.actor().organisationId(),
                                LedgerTime.occurredAt(command.occurredAt(), null)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RecordAttendance command, Directory directory) {
        BodyView body = directory.requireBody(bodyId);
        requireCoChair(command.actor(), body, directory, "record attendance of");
        if (status == MeetingStatus.SCHEDULED || status == MeetingStatus.CANCELLED) {
            throw new RuleViolation("meeting-not-open", "Meeting " + quotedTitle() + " is " + words(status)
                    + ": attendance is recorded once it has been opened");
        }
        if (status == MeetingStatus.CLOSED) {
            throw new RuleViolation("meeting-closed", "Meeting " + quotedTitle() + " is closed and its minutes are "
                    + "sealed: correct its attendance instead");
        }
        if (!body.isMember(command.organisationId())) {
            throw new RuleViolation("attendee-not-member", directory.nameOf(command.organisationId())
                    + " is not a member of body \"" + body.name() + "\"");
        }
        if (attended.containsKey(command.organisationId())) {
            throw new RuleViolation("attendance-already-recorded", "The attendance of "
                    + directory.nameOf(command.organisationId()) + " at meeting " + quotedTitle()
                    + " is already recorded (" + words(attended.get(command.organisationId()))
                    + "); a mistake in it is corrected, not recorded again");
        }
        apply(new AttendanceRecorded(meetingId, bodyId, command.organisationId(), command.mode(),
                                     LedgerTime.occurredAt(command.occurredAt(), view())));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Corrects a member's attendance: another mode, or ({@code mode} null) not present after all. The record before
     * stays in the log; the minutes show both.
     */
    @CommandHandler
    long handle(CorrectAttendance command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "correct the attendance of");
        AttendanceMode recorded = attended.get(command.organisationId());
        String member = directory.nameOf(command.organisationId());
        if (recorded == null) {
            throw new RuleViolation("attendance-not-recorded", "No attendance of " + member + " is recorded at "
                    + "meeting " + quotedTitle() + ": there is nothing to correct (record its attendance instead)");
        }
        if (recorded == command.mode()) {
            throw new RuleViolation("attendance-unchanged", member + " is already recorded as attending meeting "
                    + quotedTitle() + " " + words(recorded));
        }
        requireText(command.reason(), "reason");
        Instant occurredAt = LedgerTime.occurredAt(command.occurredAt(), null);
        if (occurredAt.isBefore(openedAt)) {
            throw new RuleViolation("occurred-before-meeting", "occurredAt " + occurredAt + " is before meeting "
                    + quotedTitle() + " opened (" + openedAt + "): a correction of its attendance is made after that");
        }
        apply(new AttendanceCorrected(meetingId, bodyId, command.organisationId(), command.mode(),
                                      command.reason().strip(), occurredAt));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Sets (or reorders) the agenda: the body's proposals to take up, in order. A proposal decided, withdrawn or of
     * another body is not on it; the minutes follow the agenda.
     */
    @CommandHandler
    long handle(SetAgenda command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "set the agenda of");
        if (status == MeetingStatus.CLOSED || status == MeetingStatus.CANCELLED) {
            throw new RuleViolation("meeting-" + status.name().toLowerCase(), "Meeting " + quotedTitle() + " is "
                    + words(status) + ": its agenda can no longer change");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String proposalId : command.proposalIds()) {
            if (!seen.add(proposalId)) {
                throw new RuleViolation("agenda-repeats-proposal", "Proposal " + proposalName(proposalId, directory)
                        + " is on the agenda twice: each proposal is taken up once");
            }
            ProposalView proposal = directory.requireProposal(proposalId);
            if (!proposal.bodyId().equals(bodyId)) {
                throw new RuleViolation("proposal-of-other-body", "Proposal \"" + proposal.title()
                        + "\" is before body \"" + bodyName(proposal.bodyId(), directory) + "\", not body \""
                        + bodyName(bodyId, directory) + "\" whose meeting this is");
            }
            if (!proposal.open() && !agenda.contains(proposalId)) {
                throw new RuleViolation("proposal-not-open", "Proposal \"" + proposal.title()
                        + "\" is no longer open: it cannot be put on the agenda");
            }
        }
        apply(new AgendaSet(meetingId, bodyId, List.copyOf(seen), command.actor().organisationId()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Seals the minutes with a signed checkpoint whose tree holds the meeting's closing (and so every event of the
     * meeting): sent by the ledger itself once such a checkpoint exists ({@code MinutesSealer}).
     */
    @CommandHandler
    long handle(SealMinutes command) {
        if (status != MeetingStatus.CLOSED) {
            throw new RuleViolation("meeting-" + status.name().toLowerCase(), "Meeting " + quotedTitle() + " is "
                    + words(status) + ": only closed minutes are sealed");
        }
        if (sealed) {
            throw new RuleViolation("minutes-already-sealed", "The minutes of meeting " + quotedTitle()
                    + " are already sealed");
        }
        if (command.checkpointSize() <= command.closingPosition()) {
            throw new RuleViolation("checkpoint-does-not-cover-meeting", "A checkpoint of " + command.checkpointSize()
                    + " events does not hold the closing of meeting " + quotedTitle() + " at position "
                    + command.closingPosition());
        }
        apply(new MinutesSealed(meetingId, bodyId, command.closingPosition(), command.checkpointSize(),
                                command.checkpoint()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(CloseMeeting command, Directory directory, CurrentCheckpoint checkpoint) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "close");
        requireStatus(MeetingStatus.OPEN, "closed");
        Instant closedAt = LedgerTime.occurredAt(command.occurredAt(), view());
        if (lastRecorded != null && closedAt.isBefore(lastRecorded)) {
            throw new RuleViolation("closed-before-recorded", "Meeting " + quotedTitle() + " cannot have closed at "
                    + closedAt + ": attendance is recorded in it at " + lastRecorded);
        }
        // The minutes commit to the whole log as signed at this moment.
        apply(new MeetingClosed(meetingId, bodyId, command.actor().organisationId(), closedAt,
                                checkpoint.note().orElse(null)));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(CancelMeeting command, Directory directory) {
        requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "cancel");
        requireStatus(MeetingStatus.SCHEDULED, "cancelled");
        apply(new MeetingCancelled(meetingId, bodyId, command.actor().organisationId(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /** A co-chair of the body keeps its meetings' record; the secretariat may too, after the fact, from the minutes. */
    private static void requireCoChair(Actor actor, BodyView body, Directory directory, String what) {
        if (!actor.secretariat() && !body.isCoChair(actor.organisationId())) {
            throw new NotAllowed("Only a co-chair of body \"" + body.name() + "\" or the secretariat may " + what
                                         + " its meetings; this token is " + directory.describe(actor));
        }
    }

    /** The meeting as refusals name it: by its title, which is what the people in the room know it by. */
    private String quotedTitle() {
        return "\"" + title + "\"";
    }

    private static String proposalName(String proposalId, Directory directory) {
        return directory.proposal(proposalId).map(proposal -> "\"" + proposal.title() + "\"").orElse(proposalId);
    }

    private static String bodyName(String bodyId, Directory directory) {
        return directory.body(bodyId).map(BodyView::name).orElse(bodyId);
    }

    /** An enumeration's value as words: IN_PERSON is "in person". */
    private static String words(Enum<?> value) {
        return value.name().toLowerCase().replace('_', ' ');
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation("text-required", field + " must not be blank");
        }
    }

    private void requireStatus(MeetingStatus required, String what) {
        if (status != required) {
            throw new RuleViolation("meeting-" + status.name().toLowerCase(), "Meeting " + quotedTitle() + " is "
                    + words(status) + ": only a meeting that is " + words(required) + " can be " + what);
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
    void on(AttendanceCorrected event) {
        if (event.mode() == null) {
            attended.remove(event.organisationId());
        } else {
            attended.put(event.organisationId(), event.mode());
        }
    }

    @EventSourcingHandler
    void on(AgendaSet event) {
        agenda.clear();
        agenda.addAll(event.proposalIds());
    }

    @EventSourcingHandler
    void on(MinutesSealed event) {
        sealed = true;
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
                                new LinkedHashMap<>(attended), checkpoint, List.copyOf(agenda), sealed);
    }

    MeetingView view() {
        return new MeetingView(meetingId, bodyId, status, openedAt, closedAt, Set.copyOf(attended.keySet()), title,
                               startsAt, List.copyOf(agenda));
    }
}
