package org.consensusledger.events.record;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A stored event is wrong: this points at it, says what is wrong and what is right; the original stays.
 */
@Revision("1")
public record RecordCorrected(String correctionId,
                              String correctedAggregateId,
                              long correctedSequenceNumber,
                              String correctedEventId,
                              String correctedEventType,
                              String bodyId,
                              String whatIsWrong,
                              String correction,
                              String requestedBy,
                              Instant occurredAt) implements RecordEvent {
}
