package org.consensusledger.eventlog.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The in-JVM MongoDB wire-protocol server that the ledger runs on when no MongoDB is configured, and that tests run
 * on. With a file it is durable: an acknowledged write has reached the file and survives the process being killed
 * (not, without an fsync, a power cut: use a real MongoDB with journaling for that).
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, Path file) {
        this.server = server;
        this.address = address;
        this.file = file;
    }

    /** A server that keeps everything in memory, on a free loopback port. */
    public static EmbeddedMongoServer inMemory() {
        MongoServer server = new MongoServer(new SerializedWritesBackend(new MemoryBackend(), () -> {
        }));
        return new EmbeddedMongoServer(server, server.bind(), null);
    }

    /**
     * A durable server whose data lives in {@code file} (created with its directory if missing), listening on
     * {@code host:port} (port 0 picks a free one).
     */
    public static EmbeddedMongoServer durable(Path file, String host, int port) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory for " + file, e);
        }
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(new SerializedWritesBackend(backend, backend::commit));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        EmbeddedMongoServer embedded = new EmbeddedMongoServer(server, server.getLocalAddress(), file);
        LOGGER.info("Embedded MongoDB-compatible server listening on {} (data: {})",
                    embedded.connectionString(), file.toAbsolutePath());
        return embedded;
    }

    /** {@code mongodb://host:port}; append {@code /database} to choose a database. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Stops accepting clients, waits for the open ones, and closes the data file cleanly. */
    @Override
    public void close() {
        server.shutdownNow();
        if (file != null) {
            LOGGER.info("Embedded MongoDB-compatible server stopped; data closed cleanly in {}", file.toAbsolutePath());
        }
    }
}
