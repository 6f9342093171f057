package org.consensusledger.events.meeting;

/**
 * An event of one meeting's stream: what makes its minutes.
 */
public sealed interface MeetingEvent permits
        MeetingScheduled, MeetingOpened, AttendanceRecorded, MeetingClosed, MeetingCancelled {

    String meetingId();

    String bodyId();
}
