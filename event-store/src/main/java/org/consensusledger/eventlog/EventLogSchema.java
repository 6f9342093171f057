package org.consensusledger.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.BsonDocument;

import java.util.HashSet;
import java.util.Set;

/**
 * The stored form of the event log: collection and field names an auditor reads, and the indexes that make the
 * log's guarantees hold. {@code docs/event-log.md} describes the same layout in prose; keep the two in step.
 */
public final class EventLogSchema {

    /** One document per commit: one or more whole units of work; {@code _id} is the position of its first event. */
    public static final String COMMITS = LedgerCollection.EVENT_COMMITS.collectionName();
    /** The latest snapshot of each aggregate; {@code _id} is the aggregate identifier. */
    public static final String SNAPSHOTS = LedgerCollection.EVENT_SNAPSHOTS.collectionName();
    /** Hints that are safe to lose (e.g. a recent head position); never a source of truth. */
    public static final String META = LedgerCollection.EVENT_LOG_META.collectionName();

    public static final String ID = "_id";
    public static final String SIZE = "size";
    public static final String STREAM_KEYS = "streamKeys";
    public static final String EVENTS = "events";

    public static final String POSITION = "globalPosition";
    public static final String EVENT_ID = "eventId";
    public static final String AGGREGATE_ID = "aggregateId";
    public static final String AGGREGATE_TYPE = "aggregateType";
    public static final String SEQUENCE = "sequenceNumber";
    public static final String PAYLOAD_TYPE = "payloadType";
    public static final String PAYLOAD_REVISION = "payloadRevision";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAYLOAD = "payload";
    public static final String METADATA = "metadata";

    static final String STREAM_KEYS_INDEX = "streamKeys_unique";
    static final String TIMESTAMP_INDEX = "events_timestamp";

    private EventLogSchema() {
    }

    /**
     * The key that makes an aggregate's sequence number unique across the whole log. The sequence number comes last
     * and holds no colon, so the mapping is one-to-one even for identifiers that contain colons.
     */
    public static String streamKey(String aggregateId, long sequenceNumber) {
        return aggregateId + ':' + sequenceNumber;
    }

    /**
     * Creates the log's indexes that are missing, and asks for nothing when all exist: a reader whose database user
     * may not index the log (the query side's in the docker set-up: it only reads {@code event_commits}) starts on a
     * log the command side has indexed already.
     */
    static void createIndexes(MongoDatabase database) {
        MongoCollection<BsonDocument> commits = database.getCollection(COMMITS, BsonDocument.class);
        Set<String> existing = new HashSet<>();
        commits.listIndexes(BsonDocument.class).forEach(index -> existing.add(index.getString("name").getValue()));
        if (!existing.contains(STREAM_KEYS_INDEX)) {
            // Unique per event, so an append at a taken sequence number fails as a whole; sparse, because commits of
            // events that belong to no aggregate carry no stream keys.
            commits.createIndex(Indexes.ascending(STREAM_KEYS),
                                new IndexOptions().name(STREAM_KEYS_INDEX).unique(true).sparse(true));
        }
        if (!existing.contains(TIMESTAMP_INDEX)) {
            // Serves createTokenAt(Instant) on a real MongoDB; the embedded server scans instead (it is rarely
            // called).
            commits.createIndex(Indexes.ascending(EVENTS + "." + TIMESTAMP), new IndexOptions().name(TIMESTAMP_INDEX));
        }
    }
}
