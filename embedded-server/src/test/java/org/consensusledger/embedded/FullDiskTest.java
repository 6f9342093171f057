package org.consensusledger.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A full disk under the embedded server, simulated by {@link FullDiskFileSystem}: writes are refused with MongoDB's
 * OutOfDiskSpace error while it is full, reads go on, every acknowledged write is kept, writes are taken again once
 * space is freed, and the log says each of these once.
 */
class FullDiskTest {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureTheLog() {
        log.start();
        root.addAppender(log);
        ((Logger) LoggerFactory.getLogger("de.bwaldvogel")).setLevel(Level.WARN);
    }

    @AfterEach
    void release() {
        FullDiskFileSystem.free();
        root.detachAppender(log);
        ((Logger) LoggerFactory.getLogger("de.bwaldvogel")).setLevel(Level.ERROR);
    }

    @Test
    void writesAreRefusedWhileTheDiskIsFullAndTakenAgainOnceSpaceIsFreedWithNothingAcknowledgedLost(
            @TempDir Path directory) throws Exception {
        Path file = directory.resolve("ledger.mv");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Set<Integer> refusedIds = ConcurrentHashMap.newKeySet();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, FullDiskFileSystem.fileName(file),
                                                                       "127.0.0.1", 0, Duration.ofMillis(50));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> events = database.withWriteConcern(WriteConcern.JOURNALED).getCollection("log");
            events.insertOne(new Document("_id", -1));
            acknowledged.add(-1);

            // Appends from several connections at once while the disk fills: whatever was acknowledged must stay.
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Integer> otherCodes = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Thread writer = new Thread(() -> {
                    while (refused.get() < 40) {
                        int id = next.getAndIncrement();
                        try {
                            events.insertOne(new Document("_id", id));
                            acknowledged.add(id);
                        } catch (MongoException e) {
                            if (e.getCode() != SerializedWritesBackend.OUT_OF_DISK_SPACE) {
                                otherCodes.add(e.getCode());
                            }
                            refusedIds.add(id);
                            refused.incrementAndGet();
                        }
                    }
                });
                writer.start();
                writers.add(writer);
            }
            await().until(() -> acknowledged.size() > 20);
            FullDiskFileSystem.fill();
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(otherCodes).as("every refusal is OutOfDiskSpace").isEmpty();

            MongoException refusal = catchThrowableOfType(
                    MongoException.class, () -> database.getCollection("read_model").insertOne(new Document("n", 1)));
            assertThat(refusal.getCode()).isEqualTo(14031);
            assertThat(refusal.getMessage()).contains("OutOfDiskSpace", "No space left on device",
                                                      "nothing was stored");
            assertThat(events.countDocuments()).as("reads go on while the disk is full")
                                               .isEqualTo(acknowledged.size());

            FullDiskFileSystem.free();
            await().ignoreException(MongoException.class)
                   .untilAsserted(() -> events.insertOne(new Document("_id", "after")));
            acknowledged.add(Integer.MIN_VALUE); // stands for "after" below
            database.getCollection("read_model").insertOne(new Document("n", 2));
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Set<Object> stored = new HashSet<>();
            client.getDatabase("ledger").getCollection("log").find()
                  .forEach(document -> stored.add(document.get("_id")));
            List<Object> expected = new ArrayList<>(acknowledged.stream()
                    .map(id -> id == Integer.MIN_VALUE ? (Object) "after" : id).toList());
            assertThat(stored).as("every acknowledged append is in the file").containsAll(expected);
            assertThat(stored).as("no refused append is in the file").doesNotContainAnyElementsOf(refusedIds);
            assertThat(client.getDatabase("ledger").getCollection("read_model").countDocuments()).isEqualTo(1);
        }

        List<ILoggingEvent> failures = log.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        assertThat(failures).as("one line for the failure, with its cause").hasSize(1);
        assertThat(failures.get(0).getFormattedMessage()).contains("cannot write its data file",
                                                                    "No space left on device");
        assertThat(failures.get(0).getThrowableProxy()).isNotNull();
        assertThat(log.list.stream().map(ILoggingEvent::getFormattedMessage)
                           .filter(line -> line.contains("writes its data file") && line.contains("again, after")))
                .as("one line for the recovery").hasSize(1);
        assertThat(log.list.stream().filter(event -> event.getLoggerName().startsWith("de.bwaldvogel")
                && event.getLevel().isGreaterOrEqual(Level.ERROR))).as("nothing from the wire server").isEmpty();
    }

    @Test
    void aServerStoppedWhileTheDiskIsFullKeepsWhatItAcknowledgedAndOpensAgain(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, FullDiskFileSystem.fileName(file),
                                                                       "127.0.0.1", 0, Duration.ofMillis(50));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED)
                                                     .getCollection("log");
            events.insertOne(new Document("_id", "kept"));
            FullDiskFileSystem.fill();
            MongoException refusal = catchThrowableOfType(
                    MongoException.class, () -> events.insertOne(new Document("_id", "refused")));
            assertThat(refusal.getCode()).isEqualTo(SerializedWritesBackend.OUT_OF_DISK_SPACE);
        }
        FullDiskFileSystem.free();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            List<Object> stored = new ArrayList<>();
            client.getDatabase("ledger").getCollection("log").find().forEach(document -> stored.add(document.get("_id")));
            assertThat(stored).containsExactly("kept");
        }
    }

    /**
     * A projection as the ledger's processors run one: each event's read-model write (not journaled), then its token
     * (journaled); on a refusal it goes on from the token the server holds. The disk fills between an event's write
     * and its token: the write may be lost with the store, the token is refused, and after space is freed the
     * projection handles that event again; at the end every event is in the read model, none skipped.
     */
    @Test
    void aProjectionThatStoresItsTokenAfterItsWritesNeitherSkipsNorLosesAnEvent(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, FullDiskFileSystem.fileName(file),
                                                                       "127.0.0.1", 0, Duration.ofMillis(50));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            Projection projection = new Projection(database);
            projection.handleUpTo(100);

            projection.write(100);
            FullDiskFileSystem.fill();
            MongoException refused = catchThrowableOfType(MongoException.class, () -> projection.token(100));
            assertThat(refused.getCode()).isEqualTo(SerializedWritesBackend.OUT_OF_DISK_SPACE);

            FullDiskFileSystem.free();
            await().ignoreException(MongoException.class).untilAsserted(projection::resumeFromTheServersToken);
            assertThat(projection.next).as("goes on from the token in the file").isEqualTo(100);
            projection.handleUpTo(200);
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            List<Integer> handled = new ArrayList<>();
            database.getCollection("read_model").find().forEach(document -> handled.add(document.getInteger("_id")));
            assertThat(handled).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).boxed().toList());
            assertThat(database.getCollection("tokens").find().first()).containsEntry("position", 199);
        }
    }

    private static final class Projection {
        private final MongoCollection<Document> readModel;
        private final MongoCollection<Document> tokens;
        int next;

        Projection(MongoDatabase database) {
            readModel = database.getCollection("read_model");
            tokens = database.withWriteConcern(WriteConcern.JOURNALED).getCollection("tokens");
        }

        void handleUpTo(int end) {
            while (next < end) {
                write(next);
                token(next);
                next++;
            }
        }

        void write(int event) {
            readModel.replaceOne(Filters.eq("_id", event), new Document("_id", event), UPSERT);
        }

        void token(int event) {
            tokens.replaceOne(Filters.eq("_id", "projection"), new Document("_id", "projection")
                    .append("position", event), UPSERT);
        }

        void resumeFromTheServersToken() {
            Document token = tokens.find().first();
            next = token == null ? 0 : token.getInteger("position") + 1;
            tokens.deleteOne(Filters.eq("_id", "a write, to know the server takes writes again"));
        }
    }
}
