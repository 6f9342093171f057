package org.consensusledger.embedded;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data file stays close to the size of what it holds: under a steady stream of small journaled writes (each its
 * own commit, so each a new chunk of the file) the dead copies are freed and their space reused while reads scan
 * beside the writes, nothing is lost, and a store that only rewrites the same few documents (an idle ledger's
 * processors renewing their tokens) does not grow.
 */
class DataFileHousekeepingTest {

    /** Each journaled write is a commit, and MVStore writes each commit as a chunk of at least one 4 KB block. */
    private static final int WRITES = 1_500;
    private static final long BLOCK = 4_096;

    @Test
    void aSteadyStreamOfSmallJournaledWritesKeepsTheFileSmallAndLosesNothing(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("ledger.mv");
        AtomicLong largest = new AtomicLong();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED);
            MongoCollection<Document> log = database.getCollection("log");
            MongoCollection<Document> tokens = database.getCollection("tokens");
            log.insertOne(new Document("_id", -1L));
            tokens.insertOne(new Document("_id", "processor").append("position", -1L));
            AtomicBoolean writing = new AtomicBoolean(true);
            // Scans beside the writes: a read must never meet a page whose chunk was freed under it.
            CompletableFuture<Long> scans = CompletableFuture.supplyAsync(() -> {
                long scanned = 0;
                while (writing.get()) {
                    scanned += log.countDocuments(Filters.gte("_id", -1L));
                    largest.accumulateAndGet(sizeOf(file), Math::max);
                }
                return scanned;
            });
            for (long i = 0; i < WRITES; i++) {
                log.insertOne(new Document("_id", i).append("payload", "event " + i + " of a steady stream"));
                tokens.replaceOne(Filters.eq("_id", "processor"),
                                  new Document("_id", "processor").append("position", i), new ReplaceOptions());
            }
            writing.set(false);
            assertThat(scans.get()).isPositive();
            assertThat(server.dataFileSpace()).isPresent();
        }

        // Without freeing dead chunks at once, the file held every commit of the last 45 s: here at least
        // 2 × 1,500 blocks of 4 KB, 12 MB.
        assertThat(largest.get()).as("the file's size while the writes ran").isLessThan(WRITES * BLOCK / 4);
        // How far below that bound the closed file ends depends on how many compaction rounds the machine's load let
        // run before the close (98 KB to 700 KB seen): the bound is what holds whatever the timing.
        assertThat(Files.size(file)).as("the file's size once closed").isLessThan(WRITES * BLOCK / 4);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            List<Long> ids = new ArrayList<>();
            database.getCollection("log").find().forEach(document -> ids.add(document.getLong("_id")));
            assertThat(ids).hasSize(WRITES + 1).doesNotHaveDuplicates();
            assertThat(database.getCollection("log").find(Filters.eq("_id", (long) WRITES - 1)).first())
                    .containsEntry("payload", "event " + (WRITES - 1) + " of a steady stream");
            assertThat(database.getCollection("tokens").find().first()).containsEntry("position", WRITES - 1L);
        }
    }

    @Test
    void aStoreThatOnlyRenewsItsTokensDoesNotGrow(@TempDir Path directory) {
        Path file = directory.resolve("ledger.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> tokens = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED)
                                                     .getCollection("tokens");
            for (int segment = 0; segment < 8; segment++) {
                tokens.insertOne(new Document("_id", "processor-" + segment).append("claimed", 0));
            }
            renew(tokens, 100);
            long before = sizeOf(file);

            renew(tokens, 400); // what an idle ledger's processors write for a long while

            // A commit's chunk may take a free place past the end while an older one is freed: a few blocks.
            assertThat(sizeOf(file)).as("the file after 3,200 more commits, against %,d bytes before", before)
                                    .isLessThanOrEqualTo(before + 8 * BLOCK);
        }
    }

    private static void renew(MongoCollection<Document> tokens, int rounds) {
        for (int round = 1; round <= rounds; round++) {
            for (int segment = 0; segment < 8; segment++) {
                tokens.replaceOne(Filters.eq("_id", "processor-" + segment),
                                  new Document("_id", "processor-" + segment).append("claimed", round));
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
