package org.consensusledger.eventlog.testing;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;

/**
 * The MongoDB a test runs against: the server named by the {@code MONGODB_URI} environment variable when it is set
 * (a real {@code mongod}), otherwise an embedded in-memory server of its own. Every database it hands out has a
 * fresh name, so tests never see each other's data, on either kind of server.
 *
 * <p>Register it as {@code @RegisterExtension static final TestMongo MONGO = TestMongo.start();}: it closes itself
 * after the test class.
 */
public final class TestMongo implements AutoCloseable, AfterAllCallback {

    private static final String URI_VARIABLE = "MONGODB_URI";

    private static TestMongo shared;

    private final EmbeddedMongoServer embedded;
    private final String connectionString;
    private final MongoClient client;

    private TestMongo(EmbeddedMongoServer embedded, String connectionString) {
        this.embedded = embedded;
        this.connectionString = connectionString;
        this.client = MongoClients.create(connectionString);
    }

    public static TestMongo start() {
        String configured = System.getenv(URI_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new TestMongo(null, configured);
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
        return new TestMongo(server, server.connectionString());
    }

    /**
     * One server for the whole test JVM, for Spring Boot tests whose application context is cached across test
     * classes (a per-class server would be closed under a context that outlives it). It lives as long as the JVM: it
     * is not closed in a shutdown hook, which would run beside the hooks that close those contexts and leave them
     * waiting for a server that is gone (the test JVM then took 30 s more to exit).
     */
    public static synchronized TestMongo shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static String freshDatabaseName() {
        return "ledger-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public MongoDatabase freshDatabase() {
        return client.getDatabase(freshDatabaseName());
    }

    /** A connection string for {@code database}, keeping the options of the configured one. */
    public String connectionString(String database) {
        ConnectionString parsed = new ConnectionString(connectionString);
        String hosts = String.join(",", parsed.getHosts());
        String options = connectionString.contains("?") ? connectionString.substring(connectionString.indexOf('?'))
                                                        : "";
        String credentials = connectionString.contains("@")
                ? connectionString.substring(connectionString.indexOf("://") + 3, connectionString.indexOf('@') + 1)
                : "";
        String scheme = connectionString.substring(0, connectionString.indexOf("://") + 3);
        return scheme + credentials + hosts + "/" + database + options;
    }

    /** A client of its own, as a second process would have. */
    public MongoClient newClient() {
        return MongoClients.create(connectionString);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
