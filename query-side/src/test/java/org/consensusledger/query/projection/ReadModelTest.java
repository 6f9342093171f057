package org.consensusledger.query.projection;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild that keeps recent documents in memory between batches, and writes them (on a thread per read model) only
 * when they leave it or at the end, leaves exactly the documents that batch-by-batch processing leaves, also when most
 * documents leave memory mid-way (a memory of 3 documents for 40), and says so when a write fails.
 */
class ReadModelTest {

    /** A document that records which events reached it. */
    public record Tally(@BsonId String id, long position, List<Long> events) implements Positioned<Tally> {

        @Override
        public Tally at(long newPosition) {
            return new Tally(id, newPosition, events);
        }

        Tally with(long event) {
            List<Long> more = new ArrayList<>(events);
            more.add(event);
            return new Tally(id, position, more);
        }
    }

    @Test
    void clearingEmptiesTheReadModelAndKeepsItsIndexes() {
        MongoDatabase database = TestMongo.shared().freshDatabase();
        ReadModel<Tally> model = new ReadModel<>(database.getCollection("cleared", Tally.class));
        model.collection().createIndex(com.mongodb.client.model.Indexes.descending("position"),
                                       new com.mongodb.client.model.IndexOptions().name("by_position"));
        model.collection().insertOne(new Tally("a", 3, List.of(3L)));

        model.clear();

        assertThat(model.collection().countDocuments()).isZero();
        assertThat(model.collection().listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .contains("_id_", "by_position");
        model.collection().insertOne(new Tally("a", 4, List.of(4L)));
        assertThat(all(model)).containsExactly(new Tally("a", 4, List.of(4L)));
    }

    @Test
    void aRebuildWithLittleMemoryLeavesWhatBatchesLeave() {
        MongoDatabase database = TestMongo.shared().freshDatabase();
        ReadModel<Tally> live = new ReadModel<>(database.getCollection("live", Tally.class));
        ReadModel<Tally> rebuilt = new ReadModel<>(database.getCollection("rebuilt", Tally.class));
        List<String> touched = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            touched.add("doc-" + random.nextInt(40));
        }

        apply(live, touched, null);
        ReadModel.Rebuild memory = new ReadModel.Rebuild(3);
        apply(rebuilt, touched, memory);
        memory.finish();

        assertThat(all(rebuilt)).hasSize(40).isEqualTo(all(live));
        assertThat(all(live).stream().mapToInt(tally -> tally.events().size()).sum()).isEqualTo(touched.size());
    }

    @Test
    void aRebuildWhoseWriteFailsSaysSoWhenItFinishes() {
        MongoDatabase database = TestMongo.shared().freshDatabase();
        ReadModel<Tally> rebuilt = new ReadModel<>(database.getCollection("rebuilt", Tally.class));
        // A document the rebuild does not expect (it starts from an emptied read model): its insert fails.
        rebuilt.collection().insertOne(new Tally("doc-1", 0, List.of()));
        ReadModel.Rebuild memory = new ReadModel.Rebuild(100);
        apply(rebuilt, List.of("doc-0", "doc-1", "doc-2"), memory);

        assertThatThrownBy(memory::finish).isInstanceOf(IllegalStateException.class)
                                          .hasMessageContaining("Writing the rebuild's documents failed")
                                          .hasRootCauseInstanceOf(MongoBulkWriteException.class);
    }

    /** Event {@code i} creates or extends document {@code touched[i]}; batches of 64 events, as a processor has. */
    private static void apply(ReadModel<Tally> model, List<String> touched, ReadModel.Rebuild memory) {
        for (int from = 0; from < touched.size(); from += 64) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(touched.size(), from + 64); i++) {
                batch.add(GenericEventMessage.asEventMessage(i));
            }
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            if (memory != null) {
                unitOfWork.resources().put(ReadModel.Rebuild.KEY, memory);
            }
            unitOfWork.execute(() -> {
                int event = (Integer) unitOfWork.getMessage().getPayload();
                GlobalSequenceTrackingToken token = new GlobalSequenceTrackingToken(event);
                String id = touched.get(event);
                // The first event of a document creates it; the update then sees nothing newer to apply.
                model.create(token, new Tally(id, -1, List.of((long) event)));
                model.update(token, id, tally -> tally.with(event));
            });
        }
    }

    private static List<Tally> all(ReadModel<Tally> model) {
        return model.collection().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
