package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * Units of work that queue together are stored several to a document: every path of such a group, against the
 * embedded server or, with {@code MONGODB_URI} set, a real MongoDB.
 */
class SharedCommitDocumentTest {

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
    void unitsAppendedTogetherShareOneDocumentAndEachLearnsItsOwnFirstPosition() {
        List<CompletableFuture<Long>> outcomes = engine.appendTogether(List.of(
                List.of(event("a", 0), event("a", 1)), List.of(event("b", 0)), List.of(event("c", 0), event("c", 1))));

        assertThat(outcomes).extracting(CompletableFuture::join).containsExactly(0L, 2L, 3L);
        List<BsonDocument> stored = commits.find().into(new ArrayList<>());
        assertThat(stored).hasSize(1);
        BsonDocument document = stored.get(0);
        assertThat(document.getInt64("_id").getValue()).isZero();
        assertThat(document.getInt32("size").getValue()).isEqualTo(5);
        assertThat(document.getArray("streamKeys")).extracting(key -> key.asString().getValue())
                                                   .containsExactly("a:0", "a:1", "b:0", "c:0", "c:1");
        assertThat(document.getArray("events")).extracting(event -> event.asDocument().getInt64("globalPosition")
                                                                          .getValue())
                                               .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(positions(engine.storedEvents(0).toList())).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(engine.readEvents("c").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    @Test
    void aUnitOfWorkAloneIsStoredAsTheSameBytesAsItAlwaysWas() {
        PreparedCommit unit = PreparedCommit.of(List.of(event("a", 0), event("a", 1)), engine.getEventSerializer());
        BsonDocument expected = new BsonDocument("_id", new BsonInt64(7))
                .append("size", new BsonInt32(2))
                .append("streamKeys", new BsonArray(List.of(new BsonString("a:0"),
                                                                       new BsonString("a:1"))));
        BsonArray events = new BsonArray();
        unit.events().forEach(event -> {
            BsonDocument withPosition = new BsonDocument("globalPosition", new BsonInt64(7 + events.size()));
            withPosition.putAll(event);
            events.add(withPosition);
        });
        expected.append("events", events);

        RawBsonDocument document = CommitDocument.of(List.of(unit), 7);
        assertThat(document).isEqualTo(expected);
        assertThat(bytes(document)).isEqualTo(bytes(new RawBsonDocument(expected, new BsonDocumentCodec())));
    }

    @Test
    void aConflictingUnitInTheMiddleFailsAloneAndLeavesNoGap() {
        engine.appendEvents(event("taken", 0), event("taken", 1));

        List<CompletableFuture<Long>> outcomes = engine.appendTogether(List.of(
                List.of(event("a", 0)), List.of(event("taken", 1), event("taken", 2)), List.of(event("b", 0)),
                List.of(event("taken", 0)), List.of(event("c", 0))));

        assertThat(outcomes.get(0).join()).isEqualTo(2L);
        assertThatThrownBy(outcomes.get(1)::join).isInstanceOf(CompletionException.class)
                                                 .hasCauseInstanceOf(ConcurrencyException.class)
                                                 .hasMessageContaining("taken already has an event at sequence "
                                                                               + "number 1");
        assertThat(outcomes.get(2).join()).isEqualTo(3L);
        assertThatThrownBy(outcomes.get(3)::join).hasCauseInstanceOf(AggregateStreamCreationException.class);
        assertThat(outcomes.get(4).join()).isEqualTo(4L);
        assertThat(positions(engine.storedEvents(0).toList())).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(engine.readEvents("taken").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
        assertThat(engine.lastSequenceNumberFor("taken")).contains(1L);
    }

    @Test
    void ofTwoUnitsForTheSameSequenceNumberInOneGroupTheFirstWins() {
        List<CompletableFuture<Long>> outcomes = engine.appendTogether(List.of(
                List.of(event("a", 0)), List.of(event("a", 0)), List.of(event("b", 0)), List.of(event("a", 1))));

        assertThat(outcomes.get(0).join()).isZero();
        assertThatThrownBy(outcomes.get(1)::join).hasCauseInstanceOf(AggregateStreamCreationException.class);
        assertThat(outcomes.get(2).join()).isEqualTo(1L);
        assertThat(outcomes.get(3).join()).isEqualTo(2L);
        assertThat(positions(engine.storedEvents(0).toList())).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aPositionTakenByAnotherProcessMovesTheWholeGroupOnWithoutAGap() {
        engine.appendEvents(event("mine", 0));
        LedgerEventStorageEngine otherProcess = engine(database);
        otherProcess.appendEvents(event("theirs", 0), event("theirs", 1));

        List<CompletableFuture<Long>> outcomes = engine.appendTogether(List.of(
                List.of(event("mine", 1)), List.of(event("b", 0))));

        assertThat(outcomes).extracting(CompletableFuture::join).containsExactly(3L, 4L);
        assertThat(positions(engine.storedEvents(0).toList())).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void documentsStayWithinWhatAResumingReaderLooksBackOverAndEveryPositionResumesExactly() {
        List<List<? extends EventMessage<?>>> units = new ArrayList<>();
        for (int unit = 0; unit < 60; unit++) {
            units.add(List.of(event("u" + unit, 0), event("u" + unit, 1), event("u" + unit, 2)));
        }
        List<EventMessage<?>> large = new ArrayList<>();
        for (int sequence = 0; sequence < 100; sequence++) {
            large.add(event("large", sequence));
        }
        units.add(30, large);

        List<CompletableFuture<Long>> outcomes = engine.appendTogether(units);

        outcomes.forEach(CompletableFuture::join);
        int total = 60 * 3 + 100;
        for (BsonDocument document : commits.find()) {
            int size = document.getInt32("size").getValue();
            assertThat(size == 100 || size <= CommitReader.BACKWARD_PROBE)
                    .as("document at %s holds %s events", document.get("_id"), size).isTrue();
        }
        assertThat(commits.countDocuments()).isGreaterThan(3);
        assertThat(positions(engine.storedEvents(0).toList()))
                .containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
        for (long position = 0; position < total; position++) {
            LedgerEventStorageEngine resumed = engine(database);
            try (var stream = resumed.readEvents(new GlobalSequenceTrackingToken(position - 1), false)) {
                List<Long> read = stream.limit(3).map(SharedCommitDocumentTest::position).toList();
                assertThat(read).as("resumed before %s", position)
                                .containsExactlyElementsOf(LongStream.range(position, Math.min(total, position + 3))
                                                                     .boxed().toList());
            }
        }
    }

    private static byte[] bytes(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static long position(TrackedEventMessage<?> message) {
        return ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
    }

    private static List<Long> positions(List<JsonNode> stored) {
        return stored.stream().map(event -> event.path("globalPosition").asLong()).toList();
    }
}
