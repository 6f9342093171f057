package org.consensusledger.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data file as a process killed after any of its writes would leave it (the writes before it whole, that one
 * whole or half done) opens with every write acknowledged before that moment. The server runs on a file system that
 * records each write and truncation ({@link RecordingFileSystem}); four clients append journaled documents to a file
 * that was closed cleanly (reopened as a restarted ledger's is); then the file is rebuilt at each recorded write in
 * turn and opened. Before {@link HeaderAfterCommit}, about one point in twenty lost acknowledged documents, up to
 * hundreds, the reopened file having fallen back to an older set of chunks. {@code -Dcrash-points.millis} and
 * {@code -Dcrash-points.points} make it longer or denser (every point of 3 s of appends: 7,734 points, none lost).
 */
class CrashPointsTest {

    /** Long enough for a housekeeping round (every second) to run among the appends. */
    private static final long APPEND_MILLIS = Long.getLong("crash-points.millis", 1500);
    /** How many of the recorded points are opened: all, or the given number spread evenly over them. */
    private static final int POINTS = Integer.getInteger("crash-points.points", 150);

    @Test
    void aFileKilledAfterAnyOfItsWritesKeepsEveryAcknowledgedWrite(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("ledger.mv");
        AtomicLong ids = new AtomicLong();
        Set<Long> before = new HashSet<>();
        for (int restart = 0; restart < 2; restart++) { // closed cleanly and opened again, as at each restart
            try (EmbeddedMongoServer server = RecordingFileSystem.server(file);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> log = log(client);
                for (int i = 0; i < 150; i++) {
                    long id = ids.getAndIncrement();
                    log.insertOne(document(id));
                    before.add(id);
                }
            }
        }
        Path base = directory.resolve("base.mv");
        Files.copy(file, base);

        Map<Long, Integer> acknowledgedAfter = new ConcurrentHashMap<>();
        List<RecordingFileSystem.Change> changes;
        RecordingFileSystem.clear();
        RecordingFileSystem.record(true);
        try (EmbeddedMongoServer server = RecordingFileSystem.server(file);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> log = log(client);
            AtomicBoolean appending = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread appender = new Thread(() -> {
                    while (appending.get()) {
                        long id = ids.getAndIncrement();
                        log.insertOne(document(id));
                        acknowledgedAfter.put(id, RecordingFileSystem.count()); // the writes made before its answer
                        sleep(ThreadLocalRandom.current().nextInt(8));
                    }
                });
                appender.start();
                clients.add(appender);
            }
            sleep(APPEND_MILLIS);
            appending.set(false);
            for (Thread appender : clients) {
                appender.join();
            }
            RecordingFileSystem.record(false);
            changes = RecordingFileSystem.changes();
        }
        assertThat(acknowledgedAfter).as("documents acknowledged while the writes were recorded").hasSizeGreaterThan(50);

        int step = Math.max(1, changes.size() / POINTS);
        List<String> losses = new ArrayList<>();
        int opened = 0;
        Path killed = directory.resolve("killed.mv");
        for (int point = 0; point <= changes.size(); point += step) {
            for (boolean halfWritten : new boolean[] {false, true}) {
                if (halfWritten && (point == changes.size() || changes.get(point).bytes() == null)) {
                    continue;
                }
                rebuild(base, changes, point, halfWritten, killed);
                Set<Long> acknowledged = new HashSet<>(before);
                int at = point;
                acknowledgedAfter.forEach((id, writes) -> {
                    if (writes <= at) {
                        acknowledged.add(id);
                    }
                });
                Set<Long> stored = new HashSet<>();
                try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(killed, "127.0.0.1", 0);
                     MongoClient client = MongoClients.create(server.connectionString())) {
                    client.getDatabase("ledger").getCollection("log").find()
                          .forEach(document -> stored.add(((Number) document.get("_id")).longValue()));
                }
                opened++;
                acknowledged.removeAll(stored);
                if (!acknowledged.isEmpty()) {
                    losses.add("killed after write " + point + (halfWritten ? " and half of the next" : "") + ": "
                                       + acknowledged.size() + " acknowledged documents missing");
                }
            }
        }
        assertThat(opened).as("files opened, of %d writes recorded", changes.size()).isGreaterThan(100);
        assertThat(losses).as("points at which acknowledged writes were lost").isEmpty();
    }

    /** {@code base} with the first {@code count} changes made (and half of the next one's bytes), as {@code into}. */
    private static void rebuild(Path base, List<RecordingFileSystem.Change> changes, int count, boolean halfOfNext,
                                Path into) throws IOException {
        Files.copy(base, into, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile out = new RandomAccessFile(into.toFile(), "rw")) {
            for (int i = 0; i < count; i++) {
                make(out, changes.get(i), false);
            }
            if (halfOfNext) {
                make(out, changes.get(count), true);
            }
        }
    }

    private static void make(RandomAccessFile out, RecordingFileSystem.Change change, boolean half)
            throws IOException {
        if (change.bytes() == null) {
            out.setLength(change.position());
        } else {
            out.seek(change.position());
            out.write(change.bytes(), 0, half ? change.bytes().length / 2 : change.bytes().length);
        }
    }

    private static MongoCollection<Document> log(MongoClient client) {
        MongoCollection<Document> log = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED)
                                              .getCollection("log");
        log.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
        return log;
    }

    private static Document document(long id) {
        return new Document("_id", id).append("aggregate", "aggregate-" + id).append("sequence", 0L)
                                      .append("payload", "x".repeat(ThreadLocalRandom.current().nextInt(50, 600)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
