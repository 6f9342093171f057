package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.BodyKind;

/**
 * A body that decides by rough consensus was set up; a working group names its plenary.
 */
@Revision("1")
public record BodyEstablished(String bodyId,
                              String name,
                              BodyKind kind,
                              String parentBodyId,
                              String mandate) implements BodyEvent {
}
