package org.consensusledger.command.meeting;

import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.events.AttendanceMode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A meeting as it stands (GET /api/meetings/{id}, with the aggregate version as ETag).
 *
 * @param attendance each attending organisation and how it attended, in the order recorded
 * @param checkpoint the log's signed checkpoint its closing recorded (null until closed, or if none was signed)
 * @param agenda     the proposals to take up, in order
 * @param sealed     whether its minutes are sealed by a checkpoint that covers them
 */
record MeetingState(String meetingId, String bodyId, String title, Instant startsAt, MeetingStatus status,
                    Instant openedAt, Instant closedAt, Map<String, AttendanceMode> attendance, String checkpoint,
                    List<String> agenda, boolean sealed) {
}
