package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;

/**
 * A member organisation left the body.
 */
@Revision("1")
public record MemberWithdrawn(String bodyId,
                              String organisationId,
                              String reason) implements BodyEvent {
}
