package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.consensusledger.eventlog.EventLogSchema.AGGREGATE_ID;
import static org.consensusledger.eventlog.EventLogSchema.AGGREGATE_TYPE;
import static org.consensusledger.eventlog.EventLogSchema.EVENT_ID;
import static org.consensusledger.eventlog.EventLogSchema.METADATA;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD_REVISION;
import static org.consensusledger.eventlog.EventLogSchema.PAYLOAD_TYPE;
import static org.consensusledger.eventlog.EventLogSchema.POSITION;
import static org.consensusledger.eventlog.EventLogSchema.SEQUENCE;
import static org.consensusledger.eventlog.EventLogSchema.TIMESTAMP;

/**
 * A unit of work's events, serialized and encoded to BSON by the thread that appends them. The writer that stores
 * it only copies these bytes into a commit document ({@link CommitDocument}) and fills in the global positions:
 * each event starts with its position, a fixed-size field at a known offset.
 */
final class PreparedCommit {

    /** Where the value of an event's leading position field starts: after the length, type byte and field name. */
    static final int POSITION_VALUE_OFFSET = Integer.BYTES + 1 + POSITION.length() + 1;

    private final byte[][] events;
    private final int byteSize;
    private final List<String> streamKeys;
    private final List<? extends EventMessage<?>> messages;

    private PreparedCommit(byte[][] events, List<String> streamKeys, List<? extends EventMessage<?>> messages) {
        this.events = events;
        this.streamKeys = streamKeys;
        this.messages = messages;
        int bytes = 0;
        for (byte[] event : events) {
            bytes += event.length;
        }
        this.byteSize = bytes;
    }

    static PreparedCommit of(List<? extends EventMessage<?>> messages, Serializer serializer) {
        List<String> streamKeys = streamKeys(messages);
        byte[][] events = new byte[messages.size()][];
        for (int i = 0; i < messages.size(); i++) {
            BasicOutputBuffer buffer = new BasicOutputBuffer(512);
            try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
                writer.writeStartDocument();
                writer.writeInt64(POSITION, 0);
                writeEvent(writer, messages.get(i), serializer);
                writer.writeEndDocument();
            }
            events[i] = buffer.toByteArray();
        }
        return new PreparedCommit(events, streamKeys, messages);
    }

    private static List<String> streamKeys(List<? extends EventMessage<?>> messages) {
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EventMessage<?> message : messages) {
            if (message instanceof DomainEventMessage<?> domain) {
                String key = EventLogSchema.streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                if (!seen.add(key)) {
                    throw new IllegalArgumentException("One unit of work holds two events for aggregate "
                                                               + domain.getAggregateIdentifier() + " at sequence "
                                                               + domain.getSequenceNumber());
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private static void writeEvent(BsonBinaryWriter writer, EventMessage<?> message, Serializer serializer) {
        writer.writeString(EVENT_ID, message.getIdentifier());
        if (message instanceof DomainEventMessage<?> domain) {
            writeNullable(writer, AGGREGATE_TYPE, domain.getType());
            writer.writeString(AGGREGATE_ID, domain.getAggregateIdentifier());
            writer.writeInt64(SEQUENCE, domain.getSequenceNumber());
        }
        SerializedObject<JsonNode> payload = message.serializePayload(serializer, JsonNode.class);
        SerializedObject<JsonNode> metaData = message.serializeMetaData(serializer, JsonNode.class);
        writer.writeString(PAYLOAD_TYPE, payload.getType().getName());
        writeNullable(writer, PAYLOAD_REVISION, payload.getType().getRevision());
        writer.writeString(TIMESTAMP, StoredTimestamps.format(message.getTimestamp()));
        writer.writeName(PAYLOAD);
        BsonJson.write(writer, payload.getData());
        writer.writeName(METADATA);
        BsonJson.write(writer, metaData.getData());
    }

    private static void writeNullable(BsonBinaryWriter writer, String name, String value) {
        if (value == null) {
            writer.writeNull(name);
        } else {
            writer.writeString(name, value);
        }
    }

    int size() {
        return events.length;
    }

    /** The encoded events' bytes, for sizing a commit document. */
    int byteSize() {
        return byteSize;
    }

    /** The BSON of event {@code index}, its position still to be filled in; not to be modified. */
    byte[] event(int index) {
        return events[index];
    }

    List<String> streamKeys() {
        return streamKeys;
    }

    List<? extends EventMessage<?>> messages() {
        return messages;
    }

    /** The events as the log stores them once the writer placed the first at {@code firstPosition}. */
    List<BsonDocument> storedEvents(long firstPosition) {
        List<BsonDocument> stored = new ArrayList<>(events.length);
        for (int i = 0; i < events.length; i++) {
            BsonDocument event = new BsonDocumentCodec().decode(new BsonBinaryReader(ByteBuffer.wrap(events[i])),
                                                                DecoderContext.builder().build());
            event.put(POSITION, new BsonInt64(firstPosition + i));
            stored.add(event);
        }
        return stored;
    }

    /** The events as modifiable documents, without positions (for a snapshot, which has none). */
    List<BsonDocument> events() {
        List<BsonDocument> decoded = new ArrayList<>();
        for (byte[] event : events) {
            BsonDocument copy = new BsonDocumentCodec().decode(new BsonBinaryReader(ByteBuffer.wrap(event)),
                                                               DecoderContext.builder().build());
            copy.remove(POSITION);
            decoded.add(copy);
        }
        return decoded;
    }
}
