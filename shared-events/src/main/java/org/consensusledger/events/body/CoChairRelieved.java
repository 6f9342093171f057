package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;

/**
 * A co-chair stopped co-chairing; it stays a member.
 */
@Revision("1")
public record CoChairRelieved(String bodyId,
                              String organisationId,
                              String reason) implements BodyEvent {
}
