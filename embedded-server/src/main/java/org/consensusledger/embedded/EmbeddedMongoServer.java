package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The in-JVM MongoDB wire-protocol server that the ledger runs on when no MongoDB is configured, and that tests run
 * on. With a file it is durable as MongoDB's journal is: a write acknowledged with a journaled write concern (the
 * event log's appends, accounts, idempotency keys, checkpoints) has reached the file and survives the process being
 * killed (not, without an fsync, a power cut: use a real MongoDB with journaling for that); other writes reach it
 * within 100 ms, in the order they were applied. See {@link SerializedWritesBackend}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    /** How often writes that did not ask to be journaled are committed to the file. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    /** How often writing is tried again while the data file cannot be written (a full disk). */
    private static final Duration STORAGE_RETRY_INTERVAL = Duration.ofSeconds(5);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;
    private final ScheduledExecutorService committer;
    private final DataFileHousekeeping housekeeping;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, Path file,
                                ScheduledExecutorService committer, DataFileHousekeeping housekeeping) {
        this.server = server;
        this.address = address;
        this.file = file;
        this.committer = committer;
        this.housekeeping = housekeeping;
    }

    /** A server that keeps everything in memory, on a free loopback port. */
    public static EmbeddedMongoServer inMemory() {
        MongoServer server = new MongoServer(new SerializedWritesBackend(new MemoryBackend(), null));
        return new EmbeddedMongoServer(server, server.bind(), null, null, null);
    }

    /**
     * A durable server whose data lives in {@code file} (created with its directory if missing, both its owner's
     * only), listening on {@code host:port} (port 0 picks a free one).
     */
    public static EmbeddedMongoServer durable(Path file, String host, int port) {
        return durable(file, file.toString(), host, port, STORAGE_RETRY_INTERVAL);
    }

    /**
     * {@code fileName} is how MVStore opens {@code file} (a test's names it on a file system of its own);
     * {@code retryInterval} is how often writing is tried again while the file cannot be written.
     */
    static EmbeddedMongoServer durable(Path file, String fileName, String host, int port, Duration retryInterval) {
        ownerOnly(file);
        RecoveringStore storage = RecoveringStore.open(fileName, file.toAbsolutePath(), retryInterval);
        SerializedWritesBackend writes = storage.writes();
        // Answers the backup command in front of the write gate (DataFileBackup.COMMAND; docs/operations.md).
        OnlineBackup backups = new OnlineBackup(writes, storage::store, writes::commitPending, file, Clock.systemUTC());
        DataFileHousekeeping housekeeping = new DataFileHousekeeping(storage, backups);
        MongoServer server = new MongoServer(backups);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            housekeeping.close();
            writes.close();
            throw e;
        }
        ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-mongo-commits");
            thread.setDaemon(true);
            return thread;
        });
        committer.scheduleWithFixedDelay(() -> commitQuietly(writes), COMMIT_INTERVAL.toMillis(),
                                         COMMIT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        committer.scheduleWithFixedDelay(storage::retry, retryInterval.toMillis(), retryInterval.toMillis(),
                                         TimeUnit.MILLISECONDS);
        housekeeping.start();
        EmbeddedMongoServer embedded = new EmbeddedMongoServer(server, server.getLocalAddress(), file, committer,
                                                               housekeeping);
        LOGGER.info("Embedded MongoDB-compatible server listening on {} (data: {})",
                    embedded.connectionString(), file.toAbsolutePath());
        return embedded;
    }

    /**
     * Creates the data file (and its directory, if missing) readable and writable by its owner only, before MVStore
     * opens it, or makes an existing one so: through the file, anyone could read the accounts' token hashes and
     * every record. MVStore writes no other file beside it (its lock is on the file itself; its compaction here
     * rewrites chunks inside the file).
     */
    private static void ownerOnly(Path file) {
        Path absolute = file.toAbsolutePath();
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            Path parent = absolute.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (posix) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                } else {
                    Files.createDirectories(parent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory for " + file, e);
        }
        if (!posix) {
            return;
        }
        try {
            if (!Files.exists(absolute)) {
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } else if (!Files.getPosixFilePermissions(absolute).equals(OWNER_FILE)) {
                String was = PosixFilePermissions.toString(Files.getPosixFilePermissions(absolute));
                Files.setPosixFilePermissions(absolute, OWNER_FILE);
                LOGGER.warn("The data file {} was {}; it is now readable and writable by its owner only (rw-------)",
                            absolute, was);
            }
        } catch (FileAlreadyExistsException createdMeanwhile) {
            ownerOnly(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data file " + absolute + " its owner's only", e);
        }
    }

    private static void commitQuietly(SerializedWritesBackend writes) {
        try {
            writes.commitPending();
        } catch (RuntimeException e) {
            // Kept running: the next journaled write or the next interval tries again, and says so if it fails too.
            LOGGER.error("Committing the embedded server's data file failed", e);
        }
    }

    /** {@code mongodb://host:port}; append {@code /database} to choose a database. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * How the data file uses its space now (a durable server), for operators and benchmarks; empty in memory.
     */
    public Optional<DataFileSpace> dataFileSpace() {
        return Optional.ofNullable(housekeeping).map(DataFileHousekeeping::space);
    }

    /** The live bytes of each map in the data file, largest first (reads every page: for diagnosis only). */
    public List<DataFileSpace.MapSpace> dataFileMaps() {
        return housekeeping == null ? List.of() : housekeeping.maps();
    }

    /** Stops accepting clients, waits for the open ones, and closes the data file cleanly. */
    @Override
    public void close() {
        if (committer != null) {
            committer.shutdown(); // no interrupt: an interrupted file write would close MVStore's file channel
            try {
                committer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (housekeeping != null) {
            housekeeping.stop();
        }
        server.shutdownNow(); // closing the backend commits what is left and truncates the file's free end
        if (file != null) {
            LOGGER.info("Embedded MongoDB-compatible server stopped; data closed cleanly in {}", file.toAbsolutePath());
        }
    }
}
