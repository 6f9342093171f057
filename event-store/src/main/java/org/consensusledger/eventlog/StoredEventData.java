package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.time.Instant;

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
 * A stored event as Axon reads it. Events of an aggregate are {@link DomainEventData}; events that belong to no
 * aggregate are only {@link TrackedEventData}, so Axon rebuilds them as plain event messages.
 */
class StoredEventData implements TrackedEventData<JsonNode> {

    private final BsonDocument event;
    private final TrackingToken token;

    StoredEventData(BsonDocument event, TrackingToken token) {
        this.event = event;
        this.token = token;
    }

    /** An event read from the log in global order, tracked by its global position. */
    static StoredEventData tracked(BsonDocument event) {
        GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(event.getInt64(POSITION).getValue());
        return event.containsKey(AGGREGATE_ID) ? new Domain(event, token) : new StoredEventData(event, token);
    }

    /** An event of an aggregate's stream (or a snapshot), which carries no tracking token. */
    static Domain domain(BsonDocument event) {
        return new Domain(event, null);
    }

    @Override
    public TrackingToken trackingToken() {
        return token;
    }

    @Override
    public String getEventIdentifier() {
        return event.getString(EVENT_ID).getValue();
    }

    @Override
    public Instant getTimestamp() {
        return StoredTimestamps.parse(event.getString(TIMESTAMP).getValue());
    }

    @Override
    public SerializedObject<JsonNode> getMetaData() {
        return new SimpleSerializedObject<>(BsonJson.toJson(event.get(METADATA)), JsonNode.class,
                                            MetaData.class.getName(), null);
    }

    @Override
    public SerializedObject<JsonNode> getPayload() {
        return new SimpleSerializedObject<>(BsonJson.toJson(event.get(PAYLOAD)), JsonNode.class,
                                            event.getString(PAYLOAD_TYPE).getValue(),
                                            text(event.get(PAYLOAD_REVISION)));
    }

    static String text(BsonValue value) {
        return value == null || value.isNull() ? null : value.asString().getValue();
    }

    static final class Domain extends StoredEventData implements DomainEventData<JsonNode> {

        private Domain(BsonDocument event, TrackingToken token) {
            super(event, token);
        }

        @Override
        public String getType() {
            return text(event().get(AGGREGATE_TYPE));
        }

        @Override
        public String getAggregateIdentifier() {
            return event().getString(AGGREGATE_ID).getValue();
        }

        @Override
        public long getSequenceNumber() {
            return event().getInt64(SEQUENCE).getValue();
        }
    }

    BsonDocument event() {
        return event;
    }
}
