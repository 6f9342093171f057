package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.consensusledger.eventlog.EventLogSchema.AGGREGATE_ID;
import static org.consensusledger.eventlog.EventLogSchema.AGGREGATE_TYPE;
import static org.consensusledger.eventlog.EventLogSchema.EVENTS;
import static org.consensusledger.eventlog.EventLogSchema.EVENT_ID;
import static org.consensusledger.eventlog.EventLogSchema.ID;
import static org.consensusledger.eventlog.EventLogSchema.METADATA;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD_REVISION;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD_TYPE;
import static org.consensusledger.eventlog.EventLogSchema.POSITION;
import static org.consensusledger.eventlog.EventLogSchema.SEQUENCE;
import static org.consensusledger.eventlog.EventLogSchema.SIZE;
import static org.consensusledger.eventlog.EventLogSchema.STREAM_KEYS;
import static org.consensusledger.eventlog.EventLogSchema.TIMESTAMP;

/** A unit of work's events, serialized once, waiting for the global positions the writer gives them. */
final class PreparedCommit {

    private final List<BsonDocument> events;
    private final List<String> streamKeys;
    private final List<? extends EventMessage<?>> messages;

    private PreparedCommit(List<BsonDocument> events, List<String> streamKeys,
                           List<? extends EventMessage<?>> messages) {
        this.events = events;
        this.streamKeys = streamKeys;
        this.messages = messages;
    }

    static PreparedCommit of(List<? extends EventMessage<?>> messages, Serializer serializer) {
        List<BsonDocument> events = new ArrayList<>(messages.size());
        List<String> streamKeys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EventMessage<?> message : messages) {
            BsonDocument event = new BsonDocument(EVENT_ID, new BsonString(message.getIdentifier()));
            if (message instanceof DomainEventMessage<?> domain) {
                String key = EventLogSchema.streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("One unit of work holds two events for aggregate "
                                                               + domain.getAggregateIdentifier() + " at sequence "
                                                               + domain.getSequenceNumber());
                }
                streamKeys.add(key);
                event.append(AGGREGATE_TYPE, nullable(domain.getType()))
                     .append(AGGREGATE_ID, new BsonString(domain.getAggregateIdentifier()))
                     .append(SEQUENCE, new BsonInt64(domain.getSequenceNumber()));
            }
            SerializedObject<JsonNode> payload = message.serializePayload(serializer, JsonNode.class);
            SerializedObject<JsonNode> metaData = message.serializeMetaData(serializer, JsonNode.class);
            event.append(PAYLOAD_TYPE, new BsonString(payload.getType().getName()))
                 .append(PAYLOAD_REVISION, nullable(payload.getType().getRevision()))
                 .append(TIMESTAMP, new BsonString(StoredTimestamps.format(message.getTimestamp())))
                 .append(PAYLOAD, BsonJson.toBson(payload.getData()))
                 .append(METADATA, BsonJson.toBson(metaData.getData()));
            events.add(event);
        }
        return new PreparedCommit(events, streamKeys, messages);
    }

    private static BsonValue nullable(String value) {
        return value == null ? BsonNull.VALUE : new BsonString(value);
    }

    int size() {
        return events.size();
    }

    List<String> streamKeys() {
        return streamKeys;
    }

    List<? extends EventMessage<?>> messages() {
        return messages;
    }

    /** The document stored for this commit when its first event takes global position {@code firstPosition}. */
    BsonDocument toDocument(long firstPosition) {
        BsonDocument document = new BsonDocument(ID, new BsonInt64(firstPosition))
                .append(SIZE, new BsonInt32(events.size()));
        if (!streamKeys.isEmpty()) {
            BsonArray keys = new BsonArray(streamKeys.size());
            streamKeys.forEach(key -> keys.add(new BsonString(key)));
            document.append(STREAM_KEYS, keys);
        }
        BsonArray stored = new BsonArray(events.size());
        for (int i = 0; i < events.size(); i++) {
            BsonDocument event = new BsonDocument(POSITION, new BsonInt64(firstPosition + i));
            event.putAll(events.get(i));
            stored.add(event);
        }
        return document.append(EVENTS, stored);
    }
}
