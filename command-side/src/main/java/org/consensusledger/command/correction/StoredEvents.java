package org.consensusledger.command.correction;

import java.util.Optional;

/** Finds a stored event by its place in an aggregate's stream, to check what a correction points at. */
interface StoredEvents {

    Optional<StoredEvent> find(String aggregateId, long sequenceNumber);

    /** What a correction needs of the event it corrects; {@code bodyId} is null for events of no body. */
    record StoredEvent(String eventId, String payloadType, String bodyId) {
    }
}
