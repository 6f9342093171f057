package org.consensusledger.command.proposal;

import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.RuleViolation;

import java.time.Instant;

/**
 * When and in which meeting a step happened: a meeting of the same body ({@code meeting} its view, null for a step
 * taken outside a meeting), and a time the rules allow.
 */
record Moment(String meetingId, Instant occurredAt, MeetingView meeting) {

    static Moment of(String meetingId, Instant requested, String bodyId, Directory directory) {
        MeetingView meeting = null;
        if (meetingId != null) {
            meeting = directory.requireMeeting(meetingId);
            if (!meeting.bodyId().equals(bodyId)) {
                throw new RuleViolation("meeting-of-other-body", "Meeting \"" + meeting.title()
                        + "\" is a meeting of body \"" + bodyName(meeting.bodyId(), directory) + "\", not of body \""
                        + bodyName(bodyId, directory) + "\"");
            }
        }
        return new Moment(meetingId, LedgerTime.occurredAt(requested, meeting), meeting);
    }

    private static String bodyName(String bodyId, Directory directory) {
        return directory.body(bodyId).map(Directory.BodyView::name).orElse(bodyId);
    }
}
