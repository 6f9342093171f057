package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.consensusledger.eventlog.testing.EventLogFixtures.Noted;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The engine's contract, against the embedded server or, with {@code MONGODB_URI} set, a real MongoDB.
 */
class EventLogContractTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    private MongoDatabase database;
    private LedgerEventStorageEngine engine;
    private MongoCollection<BsonDocument> commits;

    @BeforeEach
    void freshLog() {
        database = MONGO.freshDatabase();
        engine = engine(database);
        commits = database.getCollection(EventLogSchema.COMMITS, BsonDocument.class);
    }

    @Test
    void anAggregateLoadsInSequenceOrderAcrossCommitsInterleavedWithOthers() {
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));
        engine.appendEvents(event("a", 2));

        assertThat(sequencesOf(engine.readEvents("a"))).containsExactly(0L, 1L, 2L);
        assertThat(engine.readEvents("a", 1).asStream().map(m -> ((Noted) m.getPayload()).text()))
                .containsExactly("a #1", "a #2");
        assertThat(sequencesOf(engine.readEvents("b"))).containsExactly(0L);
        assertThat(sequencesOf(engine.readEvents("unknown"))).isEmpty();
    }

    @Test
    void theStoredEventsStreamInPositionOrderExactlyAsStoredFromAnyPosition() {
        engine.appendEvents(event("a", 0), event("a", 1), event("b", 0));
        for (int i = 2; i < 250; i++) {
            engine.appendEvents(event("a", i));
        }

        List<JsonNode> all = engine.storedEvents(0).toList();
        assertThat(all).extracting(event -> event.path("globalPosition").asLong())
                       .containsExactlyElementsOf(LongStream.range(0, 251).boxed().toList());
        JsonNode first = all.get(0);
        assertThat(first.path("aggregateId").asText()).isEqualTo("a");
        assertThat(first.path("sequenceNumber").asLong()).isZero();
        assertThat(first.path("payload").path("text").asText()).isEqualTo("a #0");
        assertThat(first.has("eventId") && first.has("aggregateType") && first.has("payloadType")
                           && first.has("timestamp") && first.has("metadata")).isTrue();
        assertThat(engine.storedEvents(2).findFirst()).get()
                .extracting(event -> event.path("aggregateId").asText()).isEqualTo("b");
        assertThat(engine.storedEvents(251)).isEmpty();
        assertThat(engine.storedEventsOf("a")).extracting(event -> event.path("sequenceNumber").asLong())
                                              .containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
        assertThat(engine.storedEventsOf("unknown")).isEmpty();
    }

    @Test
    void anAggregateLongerThanABatchLoadsCompletely() {
        long sequence = 0;
        for (int commitSize : new int[]{1, 7, 99, 100, 101, 3}) {
            long first = sequence;
            engine.appendEvents(IntStream.range(0, commitSize).mapToObj(i -> event("long", first + i)).toList());
            sequence += commitSize;
        }
        assertThat(sequencesOf(engine.readEvents("long")))
                .containsExactlyElementsOf(IntStream.range(0, 311).mapToObj(i -> (long) i).toList());
        assertThat(engine.lastSequenceNumberFor("long")).contains(310L);
    }

    @Test
    void aUnitOfWorkIsStoredAsOneDocumentWithConsecutivePositions() {
        engine.appendEvents(event("a", 0));
        engine.appendEvents(event("a", 1), event("b", 0), event("a", 2));

        BsonDocument commit = commits.find(Filters.eq("_id", 1L)).first();
        assertThat(commit).isNotNull();
        assertThat(commit.getInt32("size").getValue()).isEqualTo(3);
        assertThat(commit.getArray("events").stream().map(e -> e.asDocument().getInt64("globalPosition").getValue()))
                .containsExactly(1L, 2L, 3L);
        assertThat(commit.getArray("streamKeys").stream().map(k -> k.asString().getValue()))
                .containsExactly("a:1", "b:0", "a:2");
        assertThat(commits.countDocuments()).isEqualTo(2);
    }

    @Test
    void theStoredFormHoldsWhatAnAuditorNeeds() {
        engine.appendEvents(event("a", 0));

        BsonDocument stored = commits.find().first().getArray("events").get(0).asDocument();
        assertThat(stored.toJson()).isEqualTo(
                "{\"globalPosition\": 0, \"eventId\": \"event-a-0\", \"aggregateType\": \"Notebook\", "
                        + "\"aggregateId\": \"a\", \"sequenceNumber\": 0, "
                        + "\"payloadType\": \"org.consensusledger.eventlog.testing.EventLogFixtures$Noted\", "
                        + "\"payloadRevision\": null, \"timestamp\": \"2026-11-22T10:15:30.123456789Z\", "
                        + "\"payload\": {\"text\": \"a #0\", \"number\": 0, \"at\": \"2026-11-22T10:15:30.123456789Z\"}, "
                        + "\"metadata\": {\"recordedBy\": \"account-1\"}}");
    }

    @Test
    void trackingReadsEveryEventOnceInGlobalOrderWithItsPosition() {
        engine.appendEvents(event("a", 0), event("a", 1));
        engine.appendEvents(event("b", 0));
        engine.appendEvents(event("a", 2), event("b", 1), event("c", 0));

        List<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false).toList();

        assertThat(events).extracting(EventLogContractTest::position).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(EventMessage::getIdentifier)
                          .containsExactly("event-a-0", "event-a-1", "event-b-0", "event-a-2", "event-b-1",
                                           "event-c-0");
    }

    @Test
    void trackingResumesFromAPositionInTheMiddleOfACommit() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2), event("a", 3));
        engine.appendEvents(event("b", 0));

        assertThat(engine.readEvents(new GlobalSequenceTrackingToken(1), false).map(EventLogContractTest::position))
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    void trackingResumesInTheMiddleOfACommitLargerThanTheBackwardProbe() {
        engine.appendEvents(IntStream.range(0, 150).mapToObj(i -> event("big", i)).toList());

        assertThat(engine.readEvents(new GlobalSequenceTrackingToken(139), false).map(EventLogContractTest::position))
                .containsExactlyElementsOf(IntStream.range(140, 150).mapToObj(i -> (long) i).toList());
    }

    @Test
    void anAppendAtATakenSequenceNumberFailsWithAConcurrencyExceptionAndStoresNothing() {
        engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 1)))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("Aggregate a already has an event at sequence number 1");
        assertThat(commits.countDocuments()).isEqualTo(1);

        engine.appendEvents(event("a", 3));
        assertThat(engine.readEvents(null, false).map(EventLogContractTest::position)).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void creatingAnAggregateWithATakenIdentifierFailsWithAStreamCreationException() {
        engine.appendEvents(event("a", 0));

        assertThatThrownBy(() -> engine.appendEvents(event("a", 0)))
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasMessageContaining("an aggregate with that identifier already exists");
    }

    @Test
    void aCommitThatConflictsOnOneAggregateStoresNoneOfItsEvents() {
        engine.appendEvents(event("a", 0), event("a", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("b", 0), event("a", 1)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(sequencesOf(engine.readEvents("b"))).isEmpty();
        assertThat(engine.readEvents(null, false).count()).isEqualTo(2);
    }

    @Test
    void eventsOfNoAggregateAreStoredAndTrackedAsPlainEvents() {
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("broadcast", 7, Instant.EPOCH)));
        engine.appendEvents(GenericEventMessage.asEventMessage(new Noted("again", 8, Instant.EPOCH)));

        List<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false).toList();
        assertThat(events).extracting(e -> ((Noted) e.getPayload()).text()).containsExactly("broadcast", "again");
        assertThat(events).allSatisfy(e -> assertThat(e).isNotInstanceOf(DomainEventMessage.class));
        assertThat(commits.find().first().containsKey("streamKeys")).isFalse();
    }

    @Test
    void aSnapshotIsStoredAndOnlyANewerOneReplacesIt() {
        engine.storeSnapshot(event("a", 5));
        engine.storeSnapshot(event("a", 9));
        engine.storeSnapshot(event("a", 7));

        assertThat(engine.readSnapshot("a")).hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(9));
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void tokensPointAtTheTailTheHeadAndAPointInTime() {
        Instant early = Instant.parse("2026-01-01T00:00:00Z");
        Instant late = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(-1));

        engine.appendEvents(event("a", 0, early), event("a", 1, early));
        engine.appendEvents(event("a", 2, late));

        assertThat(engine.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(-1));
        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(2));
        assertThat(engine.createTokenAt(early)).isEqualTo(new GlobalSequenceTrackingToken(-1));
        assertThat(engine.createTokenAt(early.plusSeconds(1))).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(engine.createTokenAt(late.plusSeconds(1))).isEqualTo(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void aggregateIdentifiersContainingColonsKeepTheirStreamsApart() {
        engine.appendEvents(event("x", 0));
        engine.appendEvents(event("x:1", 0), event("x:1", 1));

        assertThat(engine.lastSequenceNumberFor("x")).contains(0L);
        assertThat(engine.lastSequenceNumberFor("x:1")).contains(1L);
        assertThat(engine.lastSequenceNumberFor("x:")).isEmpty();
        assertThat(sequencesOf(engine.readEvents("x"))).containsExactly(0L);
    }

    @Test
    void anotherProcessAppendingInBetweenIsFollowedWithoutAGap() {
        LedgerEventStorageEngine other = engine(database);
        engine.appendEvents(event("a", 0));
        other.appendEvents(event("b", 0), event("b", 1));
        engine.appendEvents(event("a", 1));
        other.appendEvents(event("b", 2));

        assertThat(engine.readEvents(null, false).map(EventLogContractTest::position))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(engine.nextGlobalPosition()).isEqualTo(5);
    }

    @Test
    void aRestartedEngineContinuesAtTheHead() {
        for (int i = 0; i < 1500; i++) {
            engine.appendEvents(event("a", i));
        }
        LedgerEventStorageEngine restarted = engine(database);

        restarted.appendEvents(event("a", 1500));

        assertThat(commits.find(Filters.eq("_id", 1500L)).first()).isNotNull();
        assertThat(restarted.nextGlobalPosition()).isEqualTo(1501);
    }

    private static long position(TrackedEventMessage<?> message) {
        return ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
    }

    private static List<Long> sequencesOf(DomainEventStream stream) {
        return stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
