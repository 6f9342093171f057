package org.consensusledger.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which writes the embedded server commits to its file before acknowledging them: journaled ones and schema changes
 * at once, the others at the next {@link SerializedWritesBackend#commitPending()}.
 */
class SerializedWritesBackendTest {

    private final AtomicInteger commits = new AtomicInteger();
    private SerializedWritesBackend writes;
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        writes = new SerializedWritesBackend(new MemoryBackend(), commits::incrementAndGet);
        server = new MongoServer(writes);
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        database = client.getDatabase("commits");
        database.createCollection("documents");
        commits.set(0);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aJournaledWriteIsCommittedBeforeItIsAcknowledged() {
        MongoCollection<Document> journaled = database.withWriteConcern(WriteConcern.JOURNALED).getCollection("documents");

        journaled.insertOne(new Document("_id", 1));
        assertThat(commits).hasValue(1);
        journaled.updateOne(Filters.eq("_id", 1), Updates.set("n", 2));
        assertThat(commits).hasValue(2);
        journaled.findOneAndUpdate(Filters.eq("_id", 1), Updates.set("n", 3));
        assertThat(commits).hasValue(3);
        journaled.deleteOne(Filters.eq("_id", 1));
        assertThat(commits).hasValue(4);
    }

    @Test
    void aMajorityWriteIsCommittedBeforeItIsAcknowledgedAnUnjournaledOneIsNot() {
        database.getCollection("documents").withWriteConcern(WriteConcern.MAJORITY).insertOne(new Document("_id", 1));
        assertThat(commits).hasValue(1);
        database.getCollection("documents").withWriteConcern(WriteConcern.W1.withJournal(false))
                .insertOne(new Document("_id", 2));
        assertThat(commits).hasValue(1);
    }

    @Test
    void otherWritesWaitForTheNextIntervalCommitWhichCommitsOnlyWhatIsNew() {
        MongoCollection<Document> plain = database.getCollection("documents");

        plain.insertOne(new Document("_id", 1));
        plain.updateOne(Filters.eq("_id", 1), Updates.set("n", 2));
        assertThat(commits).hasValue(0);
        assertThat(plain.find(Filters.eq("_id", 1)).first()).containsEntry("n", 2);

        writes.commitPending();
        assertThat(commits).hasValue(1);
        writes.commitPending();
        assertThat(commits).as("nothing written since the last commit").hasValue(1);

        plain.insertOne(new Document("_id", 2));
        database.withWriteConcern(WriteConcern.JOURNALED).getCollection("documents").insertOne(new Document("_id", 3));
        assertThat(commits).as("the journaled write's commit takes the earlier write along").hasValue(2);
        writes.commitPending();
        assertThat(commits).hasValue(2);
    }

    @Test
    void schemaChangesAreCommittedBeforeTheyAreAcknowledged() {
        database.getCollection("documents").createIndex(Indexes.ascending("n"));
        assertThat(commits).hasValue(1);
        database.getCollection("other").drop();
        assertThat(commits).hasValue(2);
    }

    @Test
    void readsCommitNothing() {
        database.getCollection("documents").find().into(new ArrayList<>());
        database.getCollection("documents").countDocuments();
        assertThat(commits).hasValue(0);
    }
}
