package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A co-chair closed the meeting; its minutes are complete.
 */
@Revision("1")
public record MeetingClosed(String meetingId,
                            String bodyId,
                            String closedBy,
                            Instant occurredAt) implements MeetingEvent {
}
