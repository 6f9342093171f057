package org.consensusledger.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.LedgerJson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The stored events of some aggregates as they were at an instant: read from the log (not from read models), with
 * their payloads, for time travel. An event belongs to the past of {@code asOf} when the ledger recorded it then or
 * before ({@code recordedAt}).
 */
@Component
public class StoredEvents {

    private final LedgerEventStorageEngine log;
    private final ObjectMapper json = LedgerJson.objectMapper();

    StoredEvents(LedgerEventStorageEngine log) {
        this.log = log;
    }

    /** One stored event, its payload read into its record. */
    public record Stored(long globalPosition, long sequenceNumber, String eventId, Instant recordedAt,
                         Object payload, JsonNode metaData) {

        public String metaData(String key) {
            JsonNode value = metaData.path(key);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }
    }

    /** The events of these aggregates recorded up to {@code asOf}, in global-position order. */
    public List<Stored> recordedUpTo(Collection<String> aggregateIds, Instant asOf) {
        List<Stored> events = new ArrayList<>();
        for (String aggregateId : aggregateIds) {
            Iterator<JsonNode> stream = log.storedEventsOf(aggregateId).iterator();
            while (stream.hasNext()) {
                JsonNode stored = stream.next();
                Instant recordedAt = Instant.parse(stored.path("timestamp").asText());
                if (recordedAt.isAfter(asOf)) {
                    break;
                }
                events.add(new Stored(stored.path("globalPosition").asLong(), stored.path("sequenceNumber").asLong(),
                                      stored.path("eventId").asText(), recordedAt, payload(stored),
                                      stored.path("metadata")));
            }
        }
        events.sort(Comparator.comparingLong(Stored::globalPosition));
        return events;
    }

    /**
     * Every stored event from global position {@code from} up to (not including) {@code before}, in order, payloads
     * read, one batch at a time (for the open-data exports, which fold the log up to a signed checkpoint).
     */
    public void forEachBetween(long from, long before, java.util.function.Consumer<Stored> each) {
        Iterator<JsonNode> stream = log.storedEvents(from).iterator();
        while (stream.hasNext()) {
            JsonNode stored = stream.next();
            long position = stored.path("globalPosition").asLong();
            if (position >= before) {
                return;
            }
            each.accept(new Stored(position, stored.path("sequenceNumber").asLong(), stored.path("eventId").asText(),
                                   Instant.parse(stored.path("timestamp").asText()), payload(stored),
                                   stored.path("metadata")));
        }
    }

    /** The events of one aggregate stored before global position {@code before}, in order, payloads read. */
    public List<Object> payloadsBefore(String aggregateId, long before) {
        List<Object> payloads = new ArrayList<>();
        Iterator<JsonNode> stream = log.storedEventsOf(aggregateId).iterator();
        while (stream.hasNext()) {
            JsonNode stored = stream.next();
            if (stored.path("globalPosition").asLong() < before) {
                payloads.add(payload(stored));
            }
        }
        return payloads;
    }

    private Object payload(JsonNode stored) {
        try {
            return json.treeToValue(stored.path("payload"), Class.forName(stored.path("payloadType").asText()));
        } catch (ClassNotFoundException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored event " + stored.path("eventId").asText(), e);
        }
    }
}
