package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.AttendanceMode;

import java.time.Instant;

/**
 * A member's attendance was corrected: it attended in another {@code mode}, or ({@code mode} null) it was not
 * present after all. The record before stays; the minutes show the attendance as corrected, with the reason.
 */
@Revision("1")
public record AttendanceCorrected(String meetingId,
                                  String bodyId,
                                  String organisationId,
                                  AttendanceMode mode,
                                  String reason,
                                  Instant occurredAt) implements MeetingEvent {
}
