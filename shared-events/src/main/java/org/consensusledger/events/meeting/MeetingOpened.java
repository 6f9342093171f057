package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A co-chair opened the meeting; from now on things may be recorded in it.
 */
@Revision("1")
public record MeetingOpened(String meetingId,
                            String bodyId,
                            String openedBy,
                            Instant occurredAt) implements MeetingEvent {
}
