package org.consensusledger.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinarySubType;
import org.bson.BsonTimestamp;
import org.bson.RawBsonDocument;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable embedded server stores documents as BSON, keeps every BSON type, and reads files written before. */
class BsonDocumentStorageTest {

    private static final ObjectId OBJECT_ID = new ObjectId("65f1c0ffee0123456789abcd");
    private static final byte[] UUID_BYTES = {11, 11, 95, 60, 122, 126, 75, 94, -97, 0, 93, 31, -102, 60, 46, 17};

    @Test
    void everyBsonTypeComesBackAsItWasStoredAfterARestart(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        Document stored = everyType();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("ledger").getCollection("things").insertOne(stored);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document read = client.getDatabase("ledger").getCollection("things").find().first();
            assertThat(read).isEqualTo(stored);
            assertThat(read.get("int")).isInstanceOf(Integer.class);
            assertThat(read.get("long")).isInstanceOf(Long.class);
        }
        assertThat(tagsIn(file, "databases.ledger.things")).containsExactly(BsonDocumentType.BSON_DOCUMENT);
    }

    @Test
    void aFileWrittenByThePlainH2BackendStaysReadableAndTakesNewWrites(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        MVStore plainStore = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer plain = new MongoServer(new H2Backend(plainStore));
        InetSocketAddress address = plain.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":"
                                                              + address.getPort())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            things.createIndex(new Document("n", 1));
            things.insertOne(new Document("_id", "old").append("n", 1).append("nested", new Document("a", List.of(1, 2))));
        } finally {
            plain.shutdownNow();
        }
        assertThat(tagsIn(file, "databases.ledger.things")).doesNotContain(BsonDocumentType.BSON_DOCUMENT);

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            assertThat(things.find(Filters.eq("_id", "old")).first())
                    .isEqualTo(new Document("_id", "old").append("n", 1).append("nested",
                                                                             new Document("a", List.of(1, 2))));
            things.insertOne(new Document("_id", "new").append("n", 2));
            things.updateOne(Filters.eq("_id", "old"), Updates.set("n", 3));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            assertThat(things.find(Filters.eq("n", 3)).first()).containsEntry("_id", "old");
            assertThat(things.find(Filters.eq("n", 2)).first()).containsEntry("_id", "new");
            assertThat(things.countDocuments()).isEqualTo(2);
        }
        assertThat(tagsIn(file, "databases.ledger.things")).containsExactly(BsonDocumentType.BSON_DOCUMENT);
    }

    @Test
    void aCollectionCreatedWhileTheServerRunsIsStoredAsBson(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("ledger").getCollection("first").insertOne(new Document("_id", 1));
            client.getDatabase("other").getCollection("second").insertOne(new Document("_id", 2));
        }
        assertThat(tagsIn(file, "databases.ledger.first")).containsExactly(BsonDocumentType.BSON_DOCUMENT);
        assertThat(tagsIn(file, "databases.other.second")).containsExactly(BsonDocumentType.BSON_DOCUMENT);
    }

    /**
     * A commit writes a page whole, copying the BSON remembered for each document in it; a document the backend
     * changed in place (an update) must be encoded afresh, or the file would keep it as it was before the update.
     */
    @Test
    void documentsUpdatedInPlaceAreStoredAsUpdatedBesideUnchangedOnes(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things")
                                                     .withWriteConcern(WriteConcern.JOURNALED);
            for (int i = 0; i < 20; i++) {
                things.insertOne(new Document("_id", i).append("n", i).append("list", new ArrayList<>(List.of(i))));
            }
            things.updateOne(Filters.eq("_id", 3), Updates.set("n", 33));
            things.updateOne(Filters.eq("_id", 4), Updates.push("list", "pushed"));
            things.findOneAndUpdate(Filters.eq("_id", 5), Updates.unset("n"));
            things.replaceOne(Filters.eq("_id", 6), new Document("replaced", true));
            things.insertOne(new Document("_id", 20).append("n", 20)); // the same leaf written again
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("ledger").getCollection("things");
            assertThat(things.find(Filters.eq("_id", 3)).first()).containsEntry("n", 33);
            assertThat(things.find(Filters.eq("_id", 4)).first()).containsEntry("list", List.of(4, "pushed"));
            assertThat(things.find(Filters.eq("_id", 5)).first()).doesNotContainKey("n");
            assertThat(things.find(Filters.eq("_id", 6)).first()).isEqualTo(new Document("_id", 6)
                                                                                   .append("replaced", true));
            assertThat(things.find(Filters.eq("_id", 7)).first()).containsEntry("n", 7);
            assertThat(things.countDocuments()).isEqualTo(21);
        }
    }

    /** collStats' size is the BSON size of the documents stored, through inserts, updates and removals. */
    @Test
    void theDataSizeIsTheBsonOfTheDocumentsStored(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> things = database.getCollection("things");
            for (int i = 0; i < 10; i++) {
                things.insertOne(new Document("_id", i).append("text", "x".repeat(i * 10)));
            }
            things.updateOne(Filters.eq("_id", 2), Updates.set("text", "longer ".repeat(20)));
            things.updateOne(Filters.eq("_id", 3), Updates.unset("text"));
            things.deleteOne(Filters.eq("_id", 4));

            long expected = 0;
            for (RawBsonDocument stored : database.getCollection("things", RawBsonDocument.class).find()) {
                expected += stored.getByteBuffer().remaining();
            }
            Document stats = database.runCommand(new Document("collStats", "things"));
            assertThat(((Number) stats.get("size")).longValue()).isEqualTo(expected);
            assertThat(stats.get("count")).isEqualTo(9);
        }
    }

    private static Document everyType() {
        return new Document("_id", OBJECT_ID)
                .append("string", "text with ünïcode")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("decimal", new Decimal128(new BigDecimal("12.345")))
                .append("true", true)
                .append("null", null)
                .append("date", new Date(1_700_000_000_123L))
                .append("binary", new Binary(new byte[] {1, 2, 3}))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, UUID_BYTES))
                .append("timestamp", new BsonTimestamp(1_700_000_000, 7))
                .append("array", List.of("a", 1, new Document("in", "array")))
                .append("nested", new Document("deeper", new Document("deepest", List.of())));
    }

    /** The first byte of every stored value of the map: how each was written. */
    private static Set<Byte> tagsIn(Path file, String map) {
        Set<Byte> tags = new HashSet<>();
        BsonDocumentType recording = new BsonDocumentType(new EncodedDocuments()) {
            @Override
            public Object read(ByteBuffer buffer) {
                tags.add(buffer.get(buffer.position()));
                return super.read(buffer);
            }
        };
        MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            MVMap<Object, Object> values = store.openMap(map, new MVMap.Builder<Object, Object>().valueType(recording));
            List<Object> all = new ArrayList<>(values.values());
            assertThat(all).isNotEmpty();
        } finally {
            store.close();
        }
        return tags;
    }
}
