package org.consensusledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.command.shared.RecordedEvent;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.LedgerJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the log holds of a request's command, found by the metadata every event carries ({@code recordedBy} and
 * {@code idempotencyKey}, see {@link CommandSender}): how a retried request learns whether the command of an
 * interrupted one was stored.
 */
@Component
class StoredCommands {

    private final LedgerEventStorageEngine log;
    private final ObjectMapper json = LedgerJson.objectMapper();

    StoredCommands(LedgerEventStorageEngine log) {
        this.log = log;
    }

    /** The log's length now: a command sent after this stores its events at this position or later. */
    long head() {
        return log.nextGlobalPosition();
    }

    /**
     * What a request's command stored: its events in log order, the position of the first (-1 when none), and the
     * events as the export has them (for a receipt).
     */
    record Found(List<RecordedEvent> events, long firstPosition, List<JsonNode> stored) {
    }

    /** The events stored from position {@code from} on by this account's request with this key, in log order. */
    Found storedWith(String accountId, String key, long from) {
        List<RecordedEvent> found = new ArrayList<>();
        List<JsonNode> stored = new ArrayList<>();
        long[] first = {-1};
        try (Stream<JsonNode> events = log.storedEvents(from)) {
            events.forEach(event -> {
                JsonNode metaData = event.path(EventLogSchema.METADATA);
                if (key.equals(metaData.path(CommandSender.IDEMPOTENCY_KEY).asText(null))
                        && accountId.equals(metaData.path(CommandSender.RECORDED_BY).asText(null))) {
                    if (first[0] < 0) {
                        first[0] = event.path(EventLogSchema.POSITION).asLong();
                    }
                    stored.add(event);
                    found.add(new RecordedEvent(event.path(EventLogSchema.AGGREGATE_ID).asText(),
                                                event.path(EventLogSchema.SEQUENCE).asLong(), payload(event)));
                }
            });
        }
        return new Found(found, first[0], stored);
    }

    private Object payload(JsonNode event) {
        try {
            return json.treeToValue(event.path(EventLogSchema.PAYLOAD),
                                    Class.forName(event.path(EventLogSchema.PAYLOAD_TYPE).asText()));
        } catch (ClassNotFoundException | JsonProcessingException e) {
            throw new IllegalStateException("A stored event of this ledger cannot be read: " + e.getMessage(), e);
        }
    }
}
