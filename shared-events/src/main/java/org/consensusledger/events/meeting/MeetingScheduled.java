package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.MeetingFormat;

import java.time.Instant;

/**
 * A meeting of a body was planned.
 */
@Revision("1")
public record MeetingScheduled(String meetingId,
                               String bodyId,
                               String title,
                               Instant startsAt,
                               MeetingFormat format,
                               String location) implements MeetingEvent {
}
