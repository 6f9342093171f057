package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;

/**
 * A member organisation became a co-chair of the body.
 */
@Revision("1")
public record CoChairAppointed(String bodyId,
                               String organisationId) implements BodyEvent {
}
