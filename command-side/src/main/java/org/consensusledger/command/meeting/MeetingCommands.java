package org.consensusledger.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;

import java.time.Instant;

/** The commands of a meeting, one record each. */
final class MeetingCommands {

    private MeetingCommands() {
    }

    record ScheduleMeeting(@TargetAggregateIdentifier String meetingId, String bodyId, String title, Instant startsAt,
                           MeetingFormat format, String location, Actor actor) {
    }

    record OpenMeeting(@TargetAggregateIdentifier String meetingId, Instant occurredAt,
                       @TargetAggregateVersion Long expectedVersion, Actor actor) {
    }

    record RecordAttendance(@TargetAggregateIdentifier String meetingId, String organisationId, AttendanceMode mode,
                            Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor) {
    }

    record CloseMeeting(@TargetAggregateIdentifier String meetingId, Instant occurredAt,
                        @TargetAggregateVersion Long expectedVersion, Actor actor) {
    }

    record CancelMeeting(@TargetAggregateIdentifier String meetingId, String reason,
                         @TargetAggregateVersion Long expectedVersion, Actor actor) {
    }
}
