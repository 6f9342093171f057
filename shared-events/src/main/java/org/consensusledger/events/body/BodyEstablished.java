package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.BodyKind;

/**
 * A body that decides by rough consensus was set up; a working group names its plenary. {@code timeZone} is the IANA
 * zone id its meetings are held in (e.g. {@code Europe/Zurich}), or null for UTC. Revision 1 had no time zone; such
 * events read with {@code timeZone} null (UTC).
 */
@Revision("2")
public record BodyEstablished(String bodyId,
                              String name,
                              BodyKind kind,
                              String parentBodyId,
                              String mandate,
                              String timeZone) implements BodyEvent {

    /** A body whose meetings are in UTC (as every body was before revision 2). */
    public BodyEstablished(String bodyId, String name, BodyKind kind, String parentBodyId, String mandate) {
        this(bodyId, name, kind, parentBodyId, mandate, null);
    }
}
