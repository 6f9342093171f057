package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a processor's read model stands, whichever instances hold its segments: the lowest position over all
 * segments. A segment this instance holds counts with where its work package has got to (it has stored the
 * documents of everything it has handled); the others with the token Axon's MongoDB token store keeps, read without
 * claiming it. A segment with nothing to handle stores its token only now and again (when Axon extends its claim),
 * so the stored tokens alone would show an idle read model seconds behind the log.
 */
@Component
public class TokenPositions {

    private final MongoCollection<Document> stored;
    private final Serializer serializer;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    TokenPositions(LedgerDatabase database, Serializer serializer,
                   ObjectProvider<EventProcessingConfiguration> processing) {
        this.stored = DefaultMongoTemplate.builder().mongoDatabase(database.get()).build()
                                          .trackingTokensCollection();
        this.serializer = serializer;
        this.processing = processing;
    }

    /** Whether any processor of any instance has stored a token: false only before read models were ever built. */
    public boolean anyStored() {
        return stored.find().limit(1).first() != null;
    }

    /**
     * The last position every segment of the processor has handled; empty while it has no tokens, or while one of
     * them has not handled any event yet.
     */
    public OptionalLong lowest(String processorName) {
        Map<Integer, EventTrackerStatus> here = heldHere(processorName);
        long lowest = Long.MAX_VALUE;
        boolean any = false;
        for (Document entry : stored.find(Filters.eq("processorName", processorName))) {
            EventTrackerStatus held = entry.get("segment") instanceof Number segment
                    ? here.get(segment.intValue()) : null;
            OptionalLong position = held != null && held.getCurrentPosition().isPresent()
                    ? held.getCurrentPosition() : position(entry);
            if (position.isEmpty()) {
                return OptionalLong.empty();
            }
            lowest = Math.min(lowest, position.getAsLong());
            any = true;
        }
        return any ? OptionalLong.of(lowest) : OptionalLong.empty();
    }

    /** The segments of the processor this instance holds, with where each has got to. */
    private Map<Integer, EventTrackerStatus> heldHere(String processorName) {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return Map.of();
        }
        return configuration.eventProcessor(processorName, StreamingEventProcessor.class)
                            .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
    }

    /**
     * Every stored token's position, as one string ("processor/segment=position;…" in a fixed order): it changes
     * whenever any read model has handled more events, or was reset for a replay.
     */
    public String signature() {
        StringBuilder signature = new StringBuilder();
        for (Document entry : stored.find().sort(Sorts.ascending("processorName", "segment"))) {
            signature.append(entry.getString("processorName")).append('/').append(entry.get("segment")).append('=')
                     .append(position(entry).orElse(-1)).append(';');
        }
        return signature.toString();
    }

    private OptionalLong position(Document entry) {
        Object token = entry.get("token");
        if (token == null) {
            return OptionalLong.empty();
        }
        byte[] bytes = token instanceof Binary binary ? binary.getData() : (byte[]) token;
        TrackingToken read = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class,
                                                                                 entry.getString("tokenType"), null));
        return read == null ? OptionalLong.empty() : read.position();
    }
}
