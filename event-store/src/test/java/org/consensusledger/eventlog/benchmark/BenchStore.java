package org.consensusledger.eventlog.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.JournaledWrites;
import org.consensusledger.eventlog.LedgerSerializers;
import org.consensusledger.eventlog.testing.EventLogFixtures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** One thing being measured, on its own fresh database: this engine, Axon's Mongo engine, or raw inserts. */
abstract class BenchStore {

    enum Kind {
        LEDGER("LedgerEventStorageEngine"),
        AXON("Axon MongoEventStorageEngine"),
        RAW("raw driver insertOne");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** What a tracking read got: events delivered, whether a time budget stopped it, and how long it took. */
    record ReadOutcome(long events, boolean stopped, double seconds) {
        double perSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    final Kind kind;
    final MongoDatabase database;

    BenchStore(Kind kind, MongoDatabase database) {
        this.kind = kind;
        this.database = database;
    }

    static BenchStore create(Kind kind, MongoClient client, String databaseName, RawShape rawShape) {
        // Journaled for all three, as the ledger's engine journals its appends: on the H2 backend each store then
        // waits for the file before an append is acknowledged, so they are compared at the same durability.
        MongoDatabase database = JournaledWrites.of(client.getDatabase(databaseName));
        JacksonSerializer serializer = LedgerSerializers.serializer();
        return switch (kind) {
            case LEDGER -> new Engine(kind, database, EventLogFixtures.engine(database));
            case AXON -> new Engine(kind, database, MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build());
            case RAW -> new Raw(database, rawShape);
        };
    }

    /** Stores one unit of work (raw: one insertOne per event). */
    abstract void append(List<? extends EventMessage<?>> events);

    /** Stores a unit of work while seeding (raw: buffered into insertMany of 1,000 documents). */
    void seed(List<? extends EventMessage<?>> events) {
        append(events);
    }

    /** A seeding thread is done: store what it buffered. */
    void seedDone() {
    }

    /**
     * Reads in global order from {@code from} (null: the beginning) until the end or the deadline, handing each event
     * to {@code each} after deserializing its payload.
     */
    abstract ReadOutcome track(TrackingToken from, long deadlineNanos, Consumer<TrackedEventMessage<?>> each);

    void drop() {
        database.drop();
    }

    static final class Engine extends BenchStore {

        final EventStorageEngine engine;

        Engine(Kind kind, MongoDatabase database, EventStorageEngine engine) {
            super(kind, database);
            this.engine = engine;
        }

        @Override
        void append(List<? extends EventMessage<?>> events) {
            engine.appendEvents(events);
        }

        @Override
        ReadOutcome track(TrackingToken from, long deadlineNanos, Consumer<TrackedEventMessage<?>> each) {
            long start = System.nanoTime();
            long count = 0;
            boolean stopped = false;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(from, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                while (events.hasNext()) {
                    TrackedEventMessage<?> event = events.next();
                    event.getPayload();
                    each.accept(event);
                    if ((++count & 63) == 0 && System.nanoTime() > deadlineNanos) {
                        stopped = events.hasNext();
                        break;
                    }
                }
            }
            return new ReadOutcome(count, stopped, (System.nanoTime() - start) / 1e9);
        }

        /** Loads an aggregate's events (payloads deserialized) and returns how many there were. */
        int load(String aggregateId) {
            DomainEventStream stream = engine.readEvents(aggregateId);
            int count = 0;
            while (stream.hasNext()) {
                stream.next().getPayload();
                count++;
            }
            return count;
        }
    }

    /** Documents of the same BSON size as one stored single-event commit, inserted one by one. */
    static final class Raw extends BenchStore {

        private final MongoCollection<Document> collection;
        private final RawShape shape;
        private final ThreadLocal<List<Document>> pending = ThreadLocal.withInitial(ArrayList::new);

        Raw(MongoDatabase database, RawShape shape) {
            super(Kind.RAW, database);
            this.collection = database.getCollection("raw_events");
            this.shape = shape;
        }

        @Override
        void append(List<? extends EventMessage<?>> events) {
            for (EventMessage<?> event : events) {
                collection.insertOne(shape.document(event));
            }
        }

        @Override
        void seed(List<? extends EventMessage<?>> events) {
            List<Document> documents = pending.get();
            events.forEach(event -> documents.add(shape.document(event)));
            if (documents.size() >= 1_000) {
                seedDone();
            }
        }

        @Override
        void seedDone() {
            List<Document> documents = pending.get();
            if (!documents.isEmpty()) {
                collection.insertMany(documents);
                documents.clear();
            }
        }

        @Override
        ReadOutcome track(TrackingToken from, long deadlineNanos, Consumer<TrackedEventMessage<?>> each) {
            long start = System.nanoTime();
            long count = 0;
            boolean stopped = false;
            try (MongoCursor<Document> cursor = collection.find().sort(Sorts.ascending("_id")).batchSize(1_000).iterator()) {
                while (cursor.hasNext()) {
                    cursor.next();
                    if ((++count & 63) == 0 && System.nanoTime() > deadlineNanos) {
                        stopped = cursor.hasNext();
                        break;
                    }
                }
            }
            return new ReadOutcome(count, stopped, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The raw case's documents: the fields of an event plus padding up to the size of a stored commit. */
    record RawShape(int commitBytes, int documentBytes, String padding) {

        /** Stores one typical event with this engine in a scratch database and measures its commit document. */
        static RawShape measure(MongoClient client, String scratchDatabase) {
            MongoDatabase database = client.getDatabase(scratchDatabase);
            try {
                EventLogFixtures.engine(database).appendEvents(BenchEvents.event("agg-000123", 12, Instant.now()));
                RawBsonDocument commit = database.getCollection(EventLogSchema.COMMITS, RawBsonDocument.class)
                                                 .find().first();
                int target = commit.getByteBuffer().remaining();
                DomainEventMessage<?> sample = BenchEvents.event("agg-000123", 12, Instant.now());
                int unpadded = size(base(sample, ""));
                String padding = "x".repeat(Math.max(0, target - unpadded));
                return new RawShape(target, size(base(sample, padding)), padding);
            } finally {
                database.drop();
            }
        }

        Document document(EventMessage<?> event) {
            return base(event, padding);
        }

        private static Document base(EventMessage<?> event, String padding) {
            Document document = new Document("_id", new ObjectId()).append("eventId", event.getIdentifier());
            if (event instanceof DomainEventMessage<?> domain) {
                document.append("aggregateId", domain.getAggregateIdentifier())
                        .append("sequenceNumber", domain.getSequenceNumber());
            }
            return document.append("timestamp", event.getTimestamp().toString()).append("padding", padding);
        }

        private static int size(Document document) {
            return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
        }
    }
}
