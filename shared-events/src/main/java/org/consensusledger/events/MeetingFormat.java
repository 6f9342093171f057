package org.consensusledger.events;

/**
 * How a meeting is held.
 */
public enum MeetingFormat {
    VIRTUAL,
    IN_PERSON,
    HYBRID
}
