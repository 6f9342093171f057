package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/**
 * A unit of work's events, serialized and encoded to the BSON of its commit document by the thread that appends
 * them. Only the global positions are unknown until the writer stores it: they are fixed-size fields at known
 * offsets, patched in place, so the writer that serves everybody does no encoding at all.
 */
final class PreparedCommit {

    private final byte[] document;
    private final int idOffset;
    private final int[] positionOffsets;
    private final List<String> streamKeys;
    private final List<? extends EventMessage<?>> messages;

    private PreparedCommit(byte[] document, int idOffset, int[] positionOffsets, List<String> streamKeys,
                           List<? extends EventMessage<?>> messages) {
        this.document = document;
        this.idOffset = idOffset;
        this.positionOffsets = positionOffsets;
        this.streamKeys = streamKeys;
        this.messages = messages;
    }

    static PreparedCommit of(List<? extends EventMessage<?>> messages, Serializer serializer) {
        List<String> streamKeys = streamKeys(messages);
        BasicOutputBuffer buffer = new BasicOutputBuffer(512 * messages.size());
        int[] positionOffsets = new int[messages.size()];
        int idOffset;
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeInt64(ID, 0);
            idOffset = buffer.getPosition() - Long.BYTES;
            writer.writeInt32(SIZE, messages.size());
            if (!streamKeys.isEmpty()) {
                writer.writeStartArray(STREAM_KEYS);
                streamKeys.forEach(writer::writeString);
                writer.writeEndArray();
            }
            writer.writeStartArray(EVENTS);
            for (int i = 0; i < messages.size(); i++) {
                writer.writeStartDocument();
                writer.writeInt64(POSITION, 0);
                positionOffsets[i] = buffer.getPosition() - Long.BYTES;
                writeEvent(writer, messages.get(i), serializer);
                writer.writeEndDocument();
            }
            writer.writeEndArray();
            writer.writeEndDocument();
        }
        return new PreparedCommit(buffer.toByteArray(), idOffset, positionOffsets, streamKeys, messages);
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
        return positionOffsets.length;
    }

    List<String> streamKeys() {
        return streamKeys;
    }

    List<? extends EventMessage<?>> messages() {
        return messages;
    }

    /**
     * The document stored for this commit when its first event takes global position {@code firstPosition}. Only
     * one writer stores a commit at a time, so the bytes are patched in place for each attempt.
     */
    RawBsonDocument toDocument(long firstPosition) {
        ByteBuffer bytes = ByteBuffer.wrap(document).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(idOffset, firstPosition);
        for (int i = 0; i < positionOffsets.length; i++) {
            bytes.putLong(positionOffsets[i], firstPosition + i);
        }
        return new RawBsonDocument(document);
    }

    /** The events as modifiable documents, without positions (for a snapshot, which has none). */
    List<BsonDocument> events() {
        BsonDocument commit = new BsonDocumentCodec().decode(new BsonBinaryReader(ByteBuffer.wrap(document)),
                                                             DecoderContext.builder().build());
        List<BsonDocument> events = new ArrayList<>();
        commit.getArray(EVENTS).forEach(event -> {
            BsonDocument copy = event.asDocument();
            copy.remove(POSITION);
            events.add(copy);
        });
        return events;
    }
}
