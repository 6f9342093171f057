package org.consensusledger.query.projection;

import org.axonframework.eventhandling.EventMessage;
import org.consensusledger.events.MetadataKeys;

/** Who recorded an event, from its metadata ({@link MetadataKeys}): the role, and the organisation acted for. */
public final class Recording {

    private Recording() {
    }

    /** The role it was recorded in, as stored (null for an event stored before roles were kept). */
    public static String recordedAs(EventMessage<?> message) {
        return (String) message.getMetaData().get(MetadataKeys.RECORDED_AS);
    }

    /** The organisation its recorder acted for; null for the secretariat. */
    public static String actingFor(EventMessage<?> message) {
        return (String) message.getMetaData().get(MetadataKeys.ACTING_FOR);
    }
}
