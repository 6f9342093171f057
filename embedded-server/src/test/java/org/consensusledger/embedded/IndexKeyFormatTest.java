package org.consensusledger.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Index maps written with H2's generic key type (by mongo-java-server's plain H2 backend, as every version of the
 * ledger before the compact key type) are rebuilt once when the file opens, and their indexes go on working.
 */
class IndexKeyFormatTest {

    private static final String ID_INDEX = "ledger.things._index__id_";
    private static final String NAME_INDEX = "ledger.things._index_name_unique";

    @Test
    void anOldFilesIndexesAreRebuiltOnceAndKeepRefusingDuplicates(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        writeWithThePlainBackend(file);
        assertThat(formats(file)).isEmpty();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            assertThat(things.find(Filters.eq("name", "seven")).first()).containsEntry("_id", 7L);
            assertThat(things.find(Filters.eq("_id", 7L)).first()).containsEntry("name", "seven");
            assertThat(things.find(Filters.eq("pair", new Document("a", 1.0).append("b", "x"))).first())
                    .containsEntry("_id", 1L);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 100L).append("name", "seven")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // MongoDB's numbers: 3 stored as a long is the same key as 3 as an int or a double.
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 3)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 101L).append("name", "x")
                                                              .append("pair", new Document("a", 1).append("b", "x"))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            things.insertOne(new Document("_id", 100L).append("name", "hundred"));
        }
        assertThat(formats(file)).containsKeys(ID_INDEX, NAME_INDEX);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(21);
            assertThat(things.find(Filters.eq("name", "hundred")).first()).containsEntry("_id", 100L);
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 101L).append("name", "hundred")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            assertThat(IndexKeyFormat.convert(store)).as("converted once, not again").isEmpty();
        }
    }

    @Test
    void aCopyLeftByAnInterruptedConversionIsDroppedAndTheConversionRedone(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        writeWithThePlainBackend(file);
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            // What a conversion that stopped half-way would leave if anything had committed it: a partial copy.
            MVMap<KeyValue, Object> partial = store.openMap(IndexKeyFormat.CONVERTING + NAME_INDEX,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
            partial.put(new KeyValue("stale"), 999L);
            store.commit();
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            assertThat(IndexKeyFormat.convert(store)).contains(ID_INDEX, NAME_INDEX);
            assertThat(store.getMapNames()).noneMatch(name -> name.startsWith(IndexKeyFormat.CONVERTING));
            MVMap<KeyValue, Object> names = IndexKeyFormat.open(store, NAME_INDEX);
            assertThat(names.sizeAsLong()).isEqualTo(20);
            assertThat(names.get(new KeyValue("seven"))).isEqualTo(7L);
            assertThat(names.get(new KeyValue("stale"))).isNull();
        }
    }

    @Test
    void anOldFileIsCheckedAsItIsWithoutBeingConverted(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        writeWithThePlainBackend(file);
        String before = DataFileBackup.sha256(file);

        // A backup's check opens the file read-only: it reads the old index maps with H2's generic type.
        DataFileBackup.Copy checked = DataFileBackup.check(file);

        assertThat(checked.entries()).isGreaterThanOrEqualTo(20 + 20 + 20); // documents, _id and name indexes
        assertThat(DataFileBackup.sha256(file)).isEqualTo(before);
        assertThat(formats(file)).isEmpty();
    }

    private static void writeWithThePlainBackend(Path file) {
        MVStore plainStore = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(plainStore));
        InetSocketAddress address = plain.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":"
                                                              + address.getPort())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            things.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true).name("name_unique"));
            things.createIndex(Indexes.ascending("pair"), new IndexOptions().unique(true).sparse(true).name("pair"));
            List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven");
            for (long i = 0; i < 20; i++) {
                Document thing = new Document("_id", i).append("name", i < names.size() ? names.get((int) i) : "n" + i);
                if (i == 1) {
                    thing.append("pair", new Document("a", 1).append("b", "x"));
                }
                things.insertOne(thing);
            }
        } finally {
            plain.shutdownNow();
        }
    }

    private static java.util.Map<String, Integer> formats(Path file) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            if (!store.hasMap(IndexKeyFormat.FORMAT_MAP)) {
                return java.util.Map.of();
            }
            return java.util.Map.copyOf(store.<String, Integer>openMap(IndexKeyFormat.FORMAT_MAP));
        }
    }
}
