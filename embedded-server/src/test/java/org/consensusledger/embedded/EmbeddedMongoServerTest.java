package org.consensusledger.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durable embedded server keeps every write across a clean stop, journaled or not, with its indexes; its data
 * file is its owner's only.
 */
class EmbeddedMongoServerTest {

    @Test
    void aCleanStopKeepsEveryWriteAndTheIndexes(@TempDir Path directory) {
        Path file = directory.resolve("data").resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            database.getCollection("read_model").createIndex(new Document("n", 1));
            for (int i = 0; i < 50; i++) {
                database.getCollection("read_model").insertOne(new Document("_id", i).append("n", i));
            }
            database.withWriteConcern(WriteConcern.JOURNALED).getCollection("log").insertOne(new Document("_id", "appended"));
            database.getCollection("read_model").insertOne(new Document("_id", "after the journaled write"));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            assertThat(database.getCollection("read_model").countDocuments()).isEqualTo(51);
            assertThat(database.getCollection("read_model").find(new Document("_id", "after the journaled write"))
                               .first()).isNotNull();
            assertThat(database.getCollection("log").find().first()).containsEntry("_id", "appended");
            List<String> indexes = new ArrayList<>();
            database.getCollection("read_model").listIndexes().forEach(index -> indexes.add(index.getString("name")));
            assertThat(indexes).contains("_id_", "n_1");
        }
    }

    @Test
    void theDataFileAndTheDirectoryItCreatesAreTheOwnersOnly(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("new").resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED).getCollection("accounts")
                  .insertOne(new Document("_id", "secretariat"));
        }
        assertThat(modeOf(file)).isEqualTo("rw-------");
        assertThat(modeOf(file.getParent())).isEqualTo("rwx------");
        assertThat(Files.list(file.getParent()).map(Path::getFileName).map(Path::toString))
                .as("MVStore writes no other file").containsExactly("ledger.mv");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            assertThat(client.getDatabase("ledger").getCollection("accounts").countDocuments()).isEqualTo(1);
            assertThat(modeOf(file)).as("an existing file open to others is tightened").isEqualTo("rw-------");
        }
    }

    private static String modeOf(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
