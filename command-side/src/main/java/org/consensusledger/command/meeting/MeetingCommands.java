package org.consensusledger.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;

import java.time.Instant;
import java.util.List;

/** The commands of a meeting, one record each. */
final class MeetingCommands {

    private MeetingCommands() {
    }

    record ScheduleMeeting(@TargetAggregateIdentifier String meetingId, String bodyId, String title, Instant startsAt,
                           MeetingFormat format, String location, Actor actor) implements ActorCommand {
    }

    record OpenMeeting(@TargetAggregateIdentifier String meetingId, Instant occurredAt,
                       @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record RecordAttendance(@TargetAggregateIdentifier String meetingId, String organisationId, AttendanceMode mode,
                            Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand {
    }

    record CloseMeeting(@TargetAggregateIdentifier String meetingId, Instant occurredAt,
                        @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record CorrectAttendance(@TargetAggregateIdentifier String meetingId, String organisationId, AttendanceMode mode,
                             String reason, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                             Actor actor) implements ActorCommand {
    }

    record SetAgenda(@TargetAggregateIdentifier String meetingId, List<String> proposalIds,
                     @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    /** Sent by the ledger itself, not by a person: see {@code MinutesSealer}. */
    record SealMinutes(@TargetAggregateIdentifier String meetingId, long closingPosition, long checkpointSize,
                       String checkpoint) {
    }

    record CancelMeeting(@TargetAggregateIdentifier String meetingId, String reason,
                         @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }
}
