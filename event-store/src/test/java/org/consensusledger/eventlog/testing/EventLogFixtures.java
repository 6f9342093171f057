package org.consensusledger.eventlog.testing;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerSerializers;

import java.time.Instant;
import java.util.Map;

/** Engines and events for tests of the event log. */
public final class EventLogFixtures {

    public static final String AGGREGATE_TYPE = "Notebook";

    private EventLogFixtures() {
    }

    /** A payload with the value types events carry: text, numbers, instants, nested values. */
    public record Noted(String text, long number, Instant at) {
    }

    public static LedgerEventStorageEngine engine(MongoDatabase database) {
        JacksonSerializer serializer = LedgerSerializers.serializer();
        return LedgerEventStorageEngine.builder()
                                       .database(database)
                                       .eventSerializer(serializer)
                                       .snapshotSerializer(serializer)
                                       .build();
    }

    public static DomainEventMessage<Noted> event(String aggregateId, long sequence) {
        return event(aggregateId, sequence, Instant.parse("2026-11-22T10:15:30.123456789Z"));
    }

    public static DomainEventMessage<Noted> event(String aggregateId, long sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequence,
                                               new Noted(aggregateId + " #" + sequence, sequence, timestamp),
                                               MetaData.from(Map.of("recordedBy", "account-1")),
                                               "event-" + aggregateId + "-" + sequence, timestamp);
    }
}
