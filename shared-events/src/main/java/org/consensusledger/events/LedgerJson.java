package org.consensusledger.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of events, snapshots and tokens, for both applications and for anyone re-reading the log.
 * Instants are ISO-8601 text, not floating-point seconds (which would round away nanoseconds), and decimals stay
 * exact, so what is stored is exactly what the ledger meant. The event store's Axon serializer wraps this mapper.
 */
public final class LedgerJson {

    private LedgerJson() {
    }

    public static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                         .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                         .build();
    }
}
