package org.consensusledger.events;

/**
 * How an organisation attended a meeting.
 */
public enum AttendanceMode {
    IN_PERSON,
    REMOTE
}
