package org.consensusledger.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes to different existing collections run side by side; writes to one collection, changes of schema and
 * commits wait for each other. One insert into {@code slow} is held inside the backend while the others are tried.
 */
class CollectionWriteLocksTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdNextSlowInsert;
    private SerializedWritesBackend writes;
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        MemoryBackend backend = new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
                if (holdNextSlowInsert && command.equals("insert") && "slow".equals(query.get("insert"))) {
                    holdNextSlowInsert = false;
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.handleCommand(channel, databaseName, command, query);
            }
        };
        writes = new SerializedWritesBackend(backend, () -> {
        });
        server = new MongoServer(writes);
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        database = client.getDatabase("locks");
        database.getCollection("slow").insertOne(new org.bson.Document("_id", "exists"));
        database.getCollection("fast").insertOne(new org.bson.Document("_id", "exists"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aWriteToAnotherCollectionDoesNotWaitButOneToTheSameCollectionAndASchemaChangeDo() throws Exception {
        holdNextSlowInsert = true;
        CompletableFuture<Void> held = CompletableFuture.runAsync(
                () -> database.getCollection("slow").insertOne(new org.bson.Document("_id", 1)));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.runAsync(() -> database.getCollection("fast").insertOne(new org.bson.Document("_id", 1)))
                         .get(5, TimeUnit.SECONDS); // beside the held insert, not after it
        assertThat(database.getCollection("fast").countDocuments()).isEqualTo(2);

        CompletableFuture<Void> sameCollection = CompletableFuture.runAsync(
                () -> database.getCollection("slow").insertOne(new org.bson.Document("_id", 2)));
        CompletableFuture<String> schemaChange = CompletableFuture.supplyAsync(
                () -> database.getCollection("fast").createIndex(Indexes.ascending("n")));
        CompletableFuture<Void> newCollection = CompletableFuture.runAsync(
                () -> database.getCollection("created").insertOne(new org.bson.Document("_id", 1)));
        // The three wait at the gate's locks (not merely on their way to it).
        await().atMost(10, TimeUnit.SECONDS).until(() -> writes.writesWaiting() == 3);
        assertThat(sameCollection).isNotDone();
        assertThat(schemaChange).isNotDone();
        assertThat(newCollection).isNotDone();

        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(
                () -> held.isDone() && sameCollection.isDone() && schemaChange.isDone() && newCollection.isDone());
        assertThat(held).isNotCompletedExceptionally();
        assertThat(sameCollection).isNotCompletedExceptionally();
        assertThat(schemaChange).isNotCompletedExceptionally();
        assertThat(database.getCollection("slow").countDocuments()).isEqualTo(3);
        assertThat(database.getCollection("created").countDocuments()).isEqualTo(1);
    }
}
