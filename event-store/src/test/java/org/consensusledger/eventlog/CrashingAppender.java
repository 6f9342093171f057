package org.consensusledger.eventlog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.embedded.EmbeddedMongoServer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The victim of {@link CrashDurabilityTest}: runs the durable embedded server on a data file and appends commits of
 * 1–3 events from four threads, forever, printing {@code ACK <eventId>} for each event once its append returned.
 * It never ends by itself; the test kills it with SIGKILL.
 */
public final class CrashingAppender {

    private CrashingAppender() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
        MongoClient client = MongoClients.create(server.connectionString());
        LedgerEventStorageEngine engine = engine(client.getDatabase("crash"));
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        for (int i = 0; i < 4; i++) {
            new Thread(() -> appendForever(engine, out), "appender-" + i).start();
        }
    }

    private static void appendForever(LedgerEventStorageEngine engine, PrintStream out) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            int count = 1 + random.nextInt(3);
            // The unit's size is in its aggregate's name, so the test can tell a whole unit from part of one.
            String aggregate = UUID.randomUUID() + "-of-" + count;
            List<DomainEventMessage<?>> commit = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                commit.add(event(aggregate, i));
            }
            engine.appendEvents(commit);
            synchronized (out) {
                commit.forEach(e -> out.println("ACK " + e.getIdentifier()));
                out.flush();
            }
        }
    }
}
