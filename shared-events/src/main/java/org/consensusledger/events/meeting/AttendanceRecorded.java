package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.AttendanceMode;

import java.time.Instant;

/**
 * A member organisation attended the meeting.
 */
@Revision("1")
public record AttendanceRecorded(String meetingId,
                                 String bodyId,
                                 String organisationId,
                                 AttendanceMode mode,
                                 Instant occurredAt) implements MeetingEvent {
}
