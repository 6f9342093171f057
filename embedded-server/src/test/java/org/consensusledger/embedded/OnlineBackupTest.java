package org.consensusledger.embedded;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A backup of the running server, taken while writers write, holds every write acknowledged before it started,
 * whole (a document and its index entries), and opens as a data file; a stopped file is copied the same way, and
 * a file a running server holds is refused.
 */
class OnlineBackupTest {

    private static final int WRITERS = 4;

    @Test
    void aBackupTakenWhileWritersWriteHoldsEveryAcknowledgedWriteWhole(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data").resolve("ledger.mv");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedBeforeBackup;
        Document done;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> documents = client.getDatabase("ledger").getCollection("documents");
            documents.createIndex(new Document("n", 1), new IndexOptions().unique(true));
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String id = writer + "-" + i;
                        // Not journaled: the backup must commit what is applied before it copies.
                        documents.insertOne(new Document("_id", id).append("n", writer * 10_000_000L + i)
                                                                   .append("payload", "x".repeat(500)));
                        acknowledged.add(id);
                    }
                    return null;
                }));
            }
            await().until(() -> acknowledged.size() >= 500);

            acknowledgedBeforeBackup = new HashSet<>(acknowledged);
            MongoDatabase admin = client.getDatabase("admin");
            Document started = admin.runCommand(new Document(DataFileBackup.COMMAND, "start"));
            assertThat(started.getString("state")).isEqualTo("copying");
            Document status = new Document(DataFileBackup.COMMAND, "status").append("id", started.getString("id"));
            await().atMost(Duration.ofMinutes(1))
                   .until(() -> !"copying".equals(admin.runCommand(status).getString("state")));
            done = admin.runCommand(status);
            int duringAndAfter = acknowledged.size();
            await().until(() -> acknowledged.size() > duringAndAfter + 100); // the writers were never stopped
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(done.getString("state")).as(done.toJson()).isEqualTo("done");
        Path copy = Path.of(done.getString("file"));
        assertThat(copy).startsWith(file.getParent().resolve("backups"));
        assertThat(modeOf(copy)).isEqualTo("rw-------");
        assertThat(modeOf(copy.getParent())).isEqualTo("rwx------");
        assertThat(DataFileBackup.sha256(copy)).isEqualTo(done.getString("sha256"));
        assertThat(Files.size(copy)).isEqualTo(done.getLong("size"));

        Path restored = directory.resolve("restored").resolve("ledger.mv");
        Files.createDirectories(restored.getParent());
        Files.copy(copy, restored);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(restored, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> documents = client.getDatabase("ledger").getCollection("documents");
            Set<String> inCopy = new HashSet<>();
            for (Document document : documents.find()) {
                inCopy.add(document.getString("_id"));
                assertThat(document.getString("payload")).as("whole documents only").hasSize(500);
                // Found again through its index entry: no document without its index entry, nor the reverse.
                assertThat(documents.find(Filters.eq("n", document.getLong("n"))).first())
                        .as("index entry of " + document.get("_id")).isNotNull();
            }
            assertThat(inCopy).containsAll(acknowledgedBeforeBackup);
            assertThat(acknowledged).containsAll(inCopy);
            assertThat(documents.countDocuments(Filters.gte("n", 0L))).isEqualTo(inCopy.size());
        }
    }

    @Test
    void aStoppedFileIsCopiedAndCheckedAndARunningOneIsRefused(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            for (int i = 0; i < 100; i++) {
                client.getDatabase("ledger").getCollection("log").insertOne(new Document("_id", i));
            }
            assertThatThrownBy(() -> DataFileBackup.copyStopped(file, directory.resolve("refused.mv")))
                    .hasMessageContaining("running ledger");
            MongoCommandException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                    MongoCommandException.class, () -> client.getDatabase("admin").runCommand(
                            new Document(DataFileBackup.COMMAND, "status").append("id", "no-such-backup")));
            assertThat(unknown.getErrorMessage()).contains("No backup no-such-backup");
        }
        assertThat(directory.resolve("refused.mv")).doesNotExist();

        DataFileBackup.Copy copy = DataFileBackup.copyStopped(file, directory.resolve("copy.mv"));

        assertThat(copy.sha256()).isEqualTo(DataFileBackup.sha256(file)).isEqualTo(DataFileBackup.sha256(copy.file()));
        assertThat(copy.entries()).isGreaterThanOrEqualTo(100);
        assertThat(modeOf(copy.file())).isEqualTo("rw-------");
        assertThat(DataFileBackup.check(copy.file()).entries()).isEqualTo(copy.entries());
    }

    @Test
    void aBackupStoppedByAnErrorEndsFailedRatherThanCopyingForEver(@TempDir Path directory) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        OnlineBackup backups = new OnlineBackup(null, () -> {
            if (first.getAndSet(false)) {
                throw new AssertionError("an Error, not an exception, while copying");
            }
            // The second backup below ends on an exception, handled: no Error left to reach another test's await.
            throw new IllegalStateException("no store in this test");
        }, () -> { }, directory.resolve("ledger.mv"), Clock.systemUTC());
        de.bwaldvogel.mongo.bson.Document started = backups.handleCommand(
                null, "admin", DataFileBackup.COMMAND, new de.bwaldvogel.mongo.bson.Document(DataFileBackup.COMMAND,
                                                                                            "start"));
        de.bwaldvogel.mongo.bson.Document status = new de.bwaldvogel.mongo.bson.Document(DataFileBackup.COMMAND,
                                                                                         "status")
                .append("id", started.get("id"));

        // The Error goes on to the backup thread's uncaught-exception handler, as an Error does: not this test's.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(
                () -> !"copying".equals(backups.handleCommand(null, "admin", DataFileBackup.COMMAND, status)
                                               .get("state")));
        assertThat(backups.handleCommand(null, "admin", DataFileBackup.COMMAND, status).get("state"))
                .isEqualTo("failed");
        // and another backup may start
        de.bwaldvogel.mongo.bson.Document again = backups.handleCommand(
                null, "admin", DataFileBackup.COMMAND, new de.bwaldvogel.mongo.bson.Document(DataFileBackup.COMMAND,
                                                                                            "start"));
        assertThat(again.get("ok")).isEqualTo(1.0);
        // It ends too (on its exception) before the test does: its thread would otherwise still be writing in the
        // temporary folder while JUnit deletes it.
        de.bwaldvogel.mongo.bson.Document againStatus = new de.bwaldvogel.mongo.bson.Document(
                DataFileBackup.COMMAND, "status").append("id", again.get("id"));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> "failed".equals(backups.handleCommand(null, "admin", DataFileBackup.COMMAND, againStatus)
                                             .get("state")));
    }

    private static String modeOf(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
