package org.consensusledger.events.meeting;

/**
 * An event of one meeting's stream: what makes its minutes.
 */
public sealed interface MeetingEvent permits
        MeetingScheduled, MeetingOpened, AttendanceRecorded, MeetingClosed, MeetingCancelled, AgendaSet,
        AttendanceCorrected, MinutesSealed {

    String meetingId();

    String bodyId();
}
