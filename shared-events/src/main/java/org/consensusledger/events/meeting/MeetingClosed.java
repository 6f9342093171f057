package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A co-chair closed the meeting; its minutes are complete. {@code checkpoint} is the log's signed checkpoint current
 * at that moment (a C2SP signed note; null if none had been signed yet), so the minutes carry a commitment to the
 * whole log up to then. Revision 1 had no checkpoint; such events read with {@code checkpoint} null.
 */
@Revision("2")
public record MeetingClosed(String meetingId,
                            String bodyId,
                            String closedBy,
                            Instant occurredAt,
                            String checkpoint) implements MeetingEvent {
}
