package org.consensusledger.embedded;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.netty.channel.Channel;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A write that fails half way because the file fails under it (an I/O error while it is applied: a document may be in
 * without its index entries) is refused, and nothing of it is committed behind that refusal: not by its own commit,
 * not by another write's, the interval's or the housekeeping's, until the file is opened again, which drops it.
 */
class HalfWriteTest {

    private final AtomicInteger commits = new AtomicInteger();
    private final FailingFile file = new FailingFile();
    private SerializedWritesBackend writes;
    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> journaled;

    @BeforeEach
    void start() {
        writes = new SerializedWritesBackend(new BreakingBackend(), commits::incrementAndGet, file);
        server = new MongoServer(writes);
        var address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        var database = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED);
        database.createCollection("log");
        database.createCollection("breaking");
        journaled = database.getCollection("log");
        commits.set(0);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aWriteTheFileFailsUnderIsRefusedAndNothingOfItIsCommittedUntilTheFileIsOpenedAgain() {
        journaled.insertOne(new Document("_id", 1));
        assertThat(commits).hasValue(1);

        MongoCollection<Document> breaking = client.getDatabase("ledger").withWriteConcern(WriteConcern.JOURNALED)
                                                   .getCollection("breaking");
        MongoException refused = catchThrowableOfType(MongoException.class, () -> breaking.insertMany(
                List.of(new Document("_id", "a"), new Document("_id", "b"))));
        assertThat(refused.getCode()).isEqualTo(FileState.OUT_OF_DISK_SPACE);
        assertThat(file.told).as("the file was told").hasSize(1);
        assertThat(commits).as("the half write was not committed").hasValue(1);
        assertThat(writes.brokenNow()).isTrue();

        // Nothing else commits that store: not another journaled write that gets in before the file is opened again
        // (refused, it is dropped with the store), not the interval's commit, not the housekeeping's.
        file.reason = null;
        MongoException straggler = catchThrowableOfType(MongoException.class,
                                                        () -> journaled.insertOne(new Document("_id", "straggler")));
        assertThat(straggler.getCode()).isEqualTo(FileState.OUT_OF_DISK_SPACE);
        file.reason = null;
        writes.commitPending();
        assertThatThrownBy(writes::commitNow).isInstanceOf(UncheckedIOException.class)
                                             .hasMessageContaining("failed half way");
        assertThat(commits).hasValue(1);

        // The file opened again (what the embedded server's storage does when told): writes are taken and committed.
        writes.replace(new MemoryBackend());
        file.reason = null;
        assertThat(writes.brokenNow()).isFalse();
        journaled.insertOne(new Document("_id", 2));
        assertThat(commits).hasValue(2);
    }

    /** Inserts into {@code breaking} apply their first document, then the file fails (an I/O error). */
    private static final class BreakingBackend extends MemoryBackend {

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(Channel channel, String database, String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            if (command.equals("insert") && "breaking".equals(query.get("insert"))) {
                de.bwaldvogel.mongo.bson.Document first = new de.bwaldvogel.mongo.bson.Document(query);
                first.put("documents", List.of(((List<?>) query.get("documents")).get(0)));
                super.handleCommand(channel, database, command, first);
                throw new UncheckedIOException(new IOException("Input/output error"));
            }
            return super.handleCommand(channel, database, command, query);
        }
    }

    /** A file that fails as told: an I/O error is its failure; writes are refused from then on until reset. */
    private static final class FailingFile implements FileState {

        final List<RuntimeException> told = new CopyOnWriteArrayList<>();
        volatile String reason;

        @Override
        public boolean writable() {
            return reason == null;
        }

        @Override
        public String refuse() {
            return reason;
        }

        @Override
        public boolean failed(RuntimeException e) {
            if (!isFileFailure(e)) {
                return false;
            }
            told.add(e);
            reason = "The file failed: nothing was stored.";
            return true;
        }

        @Override
        public boolean isFileFailure(RuntimeException e) {
            return e instanceof UncheckedIOException;
        }
    }
}
