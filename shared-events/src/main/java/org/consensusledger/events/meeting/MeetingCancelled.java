package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * A scheduled meeting will not take place.
 */
@Revision("1")
public record MeetingCancelled(String meetingId,
                               String bodyId,
                               String cancelledBy,
                               String reason) implements MeetingEvent {
}
