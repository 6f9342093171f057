package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonDocument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.consensusledger.eventlog.EventLogSchema.COMMITS;
import static org.consensusledger.eventlog.EventLogSchema.ID;
import static org.consensusledger.eventlog.EventLogSchema.META;
import static org.consensusledger.eventlog.EventLogSchema.SEQUENCE;
import static org.consensusledger.eventlog.EventLogSchema.SNAPSHOTS;

/**
 * Axon's event storage engine for the ledger: every event at one fixed, gap-free global position, each unit of work
 * stored atomically as one document, processors tracking by position with {@link GlobalSequenceTrackingToken}.
 *
 * <p>Axon's own Mongo engine orders by timestamp and tracks with a look-back window, which can skip an event that
 * becomes visible late; a verifiable log cannot afford that. {@code docs/event-log.md} explains the design.
 */
public class LedgerEventStorageEngine extends BatchingEventStorageEngine {

    private final CommitReader reader;
    private final CommitWriter writer;
    private final MongoCollection<BsonDocument> snapshots;
    private final int batchSize;
    /** The units of work this thread stored while it runs {@link #capture}; null when it captures nothing. */
    private final ThreadLocal<List<Stored>> captured = new ThreadLocal<>();

    protected LedgerEventStorageEngine(Builder builder) {
        super(builder);
        requireJson(getEventSerializer(), "event");
        requireJson(getSnapshotSerializer(), "snapshot");
        MongoDatabase database = JournaledWrites.of(builder.database);
        MongoCollection<BsonDocument> commits = database.getCollection(COMMITS, BsonDocument.class);
        this.reader = new CommitReader(commits);
        this.writer = new CommitWriter(commits, database.getCollection(META, BsonDocument.class), reader);
        this.snapshots = database.getCollection(SNAPSHOTS, BsonDocument.class);
        this.batchSize = batchSize();
        EventLogSchema.createIndexes(database);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireJson(Serializer serializer, String role) {
        if (!serializer.canSerializeTo(JsonNode.class)) {
            throw new AxonConfigurationException("The event log stores " + role + "s as JSON documents; the "
                                                         + role + " serializer " + serializer.getClass().getName()
                                                         + " cannot produce JSON. Configure a JacksonSerializer.");
        }
    }

    /** The number of events in the log, which is also the global position the next event will take. */
    public long nextGlobalPosition() {
        return writer.head();
    }

    /**
     * The stored events from global position {@code from} on, in order, each exactly as the log holds it (as JSON:
     * position, event id, aggregate id and type, sequence number, payload type and revision, timestamp, payload,
     * metadata), up to the head at the time each batch is read. Lazy: it reads one batch at a time, so a consumer
     * that writes each event out as it comes needs constant memory however long the log is.
     */
    public Stream<JsonNode> storedEvents(long from) {
        return batches(from, next -> reader.eventsFrom(next, batchSize),
                       event -> event.getInt64(EventLogSchema.POSITION).getValue() + 1);
    }

    /**
     * The stored events at positions {@code from} to {@code from + count - 1}, each as {@link #storedEvents} gives it,
     * read in one query (for a tile of the log's entries); fewer when the log ends, or a commit is not visible yet,
     * before the last of them.
     */
    public List<JsonNode> storedEvents(long from, int count) {
        List<BsonDocument> read = reader.eventsFrom(from, count);
        return read.subList(0, Math.min(count, read.size())).stream().map(BsonJson::toJson).toList();
    }

    /** One aggregate's stored events in sequence order, each exactly as the log holds it ({@link #storedEvents}). */
    public Stream<JsonNode> storedEventsOf(String aggregateIdentifier) {
        return batches(0, next -> reader.aggregateEvents(aggregateIdentifier, next, batchSize),
                       event -> event.getInt64(SEQUENCE).getValue() + 1);
    }

    private static Stream<JsonNode> batches(long start, LongFunction<List<BsonDocument>> read,
                                            ToLongFunction<BsonDocument> after) {
        Iterator<JsonNode> events = new Iterator<>() {
            private long next = start;
            private Iterator<BsonDocument> batch = Collections.emptyIterator();
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && !exhausted) {
                    List<BsonDocument> loaded = read.apply(next);
                    exhausted = loaded.isEmpty();
                    batch = loaded.iterator();
                }
                return batch.hasNext();
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BsonDocument event = batch.next();
                next = after.applyAsLong(event);
                return BsonJson.toJson(event);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false);
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!events.isEmpty()) {
            PreparedCommit commit = PreparedCommit.of(events, serializer);
            long first = writer.append(commit);
            List<Stored> capture = captured.get();
            if (capture != null) {
                capture.add(new Stored(first, commit));
            }
        }
    }

    /**
     * Runs {@code action} on this thread and returns its result with every event this thread appended meanwhile
     * (Axon's simple command bus handles a command, and commits its unit of work, on the sending thread), each
     * exactly as {@link #storedEvents} exports it, in order of position. The events are made from the bytes the
     * writer stored, after the database acknowledged them, by this thread: the group commit's leader does no more
     * for it. Captures nest: an outer capture also sees what an inner one saw.
     */
    public <R> Captured<R> capture(Supplier<R> action) {
        List<Stored> outer = captured.get();
        List<Stored> units = new ArrayList<>();
        captured.set(units);
        R result;
        try {
            result = action.get();
        } catch (RuntimeException e) {
            if (units.isEmpty()) {
                throw e;
            }
            // Events were stored (their unit of work committed) before the action failed: they are in the log all
            // the same, and whoever captures must be able to issue their receipt.
            throw new StoredThenFailed(events(units), e instanceof StoredThenFailed inner ? inner.getCause() : e);
        } finally {
            if (outer == null) {
                captured.remove();
            } else {
                outer.addAll(units);
                captured.set(outer);
            }
        }
        return new Captured<>(result, events(units));
    }

    private static List<JsonNode> events(List<Stored> units) {
        List<JsonNode> events = new ArrayList<>();
        for (Stored unit : units) {
            unit.commit().storedEvents(unit.firstPosition()).forEach(event -> events.add(BsonJson.toJson(event)));
        }
        events.sort(Comparator.comparingLong(event -> event.path(EventLogSchema.POSITION).asLong()));
        return List.copyOf(events);
    }

    /**
     * A captured action that failed after this thread stored events ({@link #capture}): the events it stored, as the
     * export has them, and the action's own failure as the cause.
     */
    public static final class StoredThenFailed extends RuntimeException {

        private final transient List<JsonNode> storedEvents;

        StoredThenFailed(List<JsonNode> storedEvents, Throwable cause) {
            super("The action failed after storing " + storedEvents.size() + " events: " + cause.getMessage(), cause,
                  false, false);
            this.storedEvents = storedEvents;
        }

        /** The events stored before the failure, in order of position. */
        public List<JsonNode> storedEvents() {
            return storedEvents;
        }

        /** The action's own failure. */
        public RuntimeException failure() {
            return getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(getCause());
        }
    }

    /** What an action captured by {@link #capture} returned, and the events it stored, as the export has them. */
    public record Captured<R>(R result, List<JsonNode> storedEvents) {
    }

    private record Stored(long firstPosition, PreparedCommit commit) {
    }

    /** Appends units of work as one group of the writer (see {@link CommitWriter#appendTogether}); for tests. */
    List<CompletableFuture<Long>> appendTogether(List<List<? extends EventMessage<?>>> units) {
        return writer.appendTogether(units.stream().map(unit -> PreparedCommit.of(unit, getEventSerializer())).toList());
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        BsonDocument stored = PreparedCommit.of(List.of(snapshot), serializer).events().get(0);
        BsonDocument document = new BsonDocument(ID, stored.get(EventLogSchema.AGGREGATE_ID));
        document.putAll(stored);
        try {
            // Replaces an older snapshot; an equal or newer one stays (the insert of the upsert then collides).
            snapshots.replaceOne(Filters.and(Filters.eq(ID, snapshot.getAggregateIdentifier()),
                                             Filters.lt(SEQUENCE, snapshot.getSequenceNumber())),
                                 document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument snapshot = snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(StoredEventData.domain(snapshot));
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return reader.eventsFrom(positionAfter(lastToken), batchSize).stream()
                     .map(StoredEventData::tracked)
                     .toList();
    }

    private static long positionAfter(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex() + 1;
        }
        throw new IllegalArgumentException("The ledger's event log tracks by global position; a "
                                                   + token.getClass().getSimpleName() + " cannot be used");
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        return reader.aggregateEvents(aggregateIdentifier, firstSequenceNumber, batchSize).stream()
                     .map(StoredEventData::domain)
                     .toList();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        long last = reader.lastSequence(aggregateIdentifier, batchSize);
        return last < 0 ? Optional.empty() : Optional.of(last);
    }

    /** Tracks from the very first event. */
    @Override
    public TrackingToken createTailToken() {
        return new GlobalSequenceTrackingToken(-1);
    }

    /** Tracks from the next event appended after now. */
    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(writer.head() - 1);
    }

    /** Tracks from the first event stored with a timestamp at or after {@code dateTime}. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Long position = reader.firstPositionAtOrAfter(dateTime);
        return position == null ? createHeadToken() : new GlobalSequenceTrackingToken(position - 1);
    }

    /** Builds the engine; {@link #database(MongoDatabase)} and JSON serializers are required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private boolean eventSerializerSet;
        private boolean snapshotSerializerSet;

        public Builder database(MongoDatabase database) {
            assertNonNull(database, "The MongoDatabase may not be null");
            this.database = database;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            eventSerializerSet = true;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            // Axon would fall back to XStream, which cannot write the JSON documents the log is made of.
            if (!eventSerializerSet || !snapshotSerializerSet) {
                throw new AxonConfigurationException("The event log needs an event and a snapshot serializer "
                                                             + "that write JSON (a JacksonSerializer)");
            }
            super.validate();
            assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        }

        public LedgerEventStorageEngine build() {
            return new LedgerEventStorageEngine(this);
        }
    }
}
