package org.consensusledger.eventlog;

import org.axonframework.serialization.json.JacksonSerializer;
import org.consensusledger.events.LedgerJson;

/**
 * Axon's serializer for events, snapshots and tokens, on the published language's one JSON form ({@link LedgerJson}).
 */
public final class LedgerSerializers {

    private LedgerSerializers() {
    }

    public static JacksonSerializer serializer() {
        return JacksonSerializer.builder().objectMapper(LedgerJson.objectMapper()).lenientDeserialization().build();
    }
}
