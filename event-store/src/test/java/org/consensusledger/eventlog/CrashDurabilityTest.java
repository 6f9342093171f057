package org.consensusledger.eventlog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;

/**
 * An acknowledged append survives {@code kill -9}: a child JVM appends to the durable embedded server and reports
 * every acknowledged event; it is killed with SIGKILL at a random moment, again and again; after each kill the log
 * holds every acknowledged event, no commit is half there, and positions stay gap-free.
 */
class CrashDurabilityTest {

    private static final int CYCLES = 20;

    @Test
    void everyAcknowledgedEventSurvivesSigkillAndTheLogStaysGapFree(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("ledger.mv");
        Set<String> acknowledged = new HashSet<>();
        long previousSize = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            acknowledged.addAll(runAndKill(file, 20 + ThreadLocalRandom.current().nextInt(600)));
            previousSize = verify(file, acknowledged, previousSize, cycle);
        }
        assertThat(previousSize).isGreaterThanOrEqualTo(acknowledged.size());
    }

    /** Starts the appender, lets it acknowledge at least {@code target} events, then SIGKILLs it. */
    private static Set<String> runAndKill(Path file, int target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                                           CrashingAppender.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acks = ConcurrentHashMap.newKeySet();
        AtomicBoolean ready = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.substring(4));
                    } else if (line.equals("READY")) {
                        ready.set(true);
                    }
                }
            } catch (IOException ignored) {
                // the child died mid-line: what it acknowledged before is all that counts
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acks.size() >= target);
        } finally {
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        }
        assertThat(ready).isTrue();
        return acks;
    }

    /** Opens the data file as a restarted ledger would and checks it; returns the number of events in it. */
    private static long verify(Path file, Set<String> acknowledged, long previousSize, int cycle) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            LedgerEventStorageEngine engine = engine(client.getDatabase("crash"));
            List<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false).toList();
            long size = events.size();
            assertThat(events.stream().map(CrashDurabilityTest::position))
                    .as("gap-free positions after kill %d", cycle)
                    .containsExactlyElementsOf(LongStream.range(0, size).boxed().toList());
            Set<String> stored = new HashSet<>(events.stream().map(EventMessage::getIdentifier).toList());
            assertThat(stored).as("acknowledged events after kill %d", cycle).containsAll(acknowledged);
            assertThat(size).isGreaterThanOrEqualTo(previousSize);
            MongoCollection<BsonDocument> commits =
                    client.getDatabase("crash").getCollection(EventLogSchema.COMMITS, BsonDocument.class);
            Map<String, Long> documentOf = new HashMap<>();
            for (BsonDocument commit : commits.find()) {
                assertCommitComplete(commit, documentOf);
            }
            assertThat(engine.nextGlobalPosition()).isEqualTo(size);
            return size;
        }
    }

    /**
     * A document holds whole units of work at consecutive positions: each unit is a new aggregate named with its
     * number of events, and all of them are in this one document, sequence numbers 0, 1, ...
     */
    private static void assertCommitComplete(BsonDocument commit, Map<String, Long> documentOf) {
        long first = commit.getInt64("_id").getValue();
        List<BsonValue> events = commit.getArray("events");
        assertThat(events).hasSize(commit.getInt32("size").getValue());
        assertThat(events.stream().map(e -> e.asDocument().getInt64("globalPosition").getValue()))
                .containsExactlyElementsOf(LongStream.range(first, first + events.size()).boxed().toList());
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        for (BsonValue value : events) {
            BsonDocument event = value.asDocument();
            sequences.computeIfAbsent(event.getString("aggregateId").getValue(), id -> new ArrayList<>())
                     .add(event.getInt64("sequenceNumber").getValue());
        }
        sequences.forEach((aggregate, stored) -> {
            assertThat(documentOf.put(aggregate, first)).as("a unit split over documents: %s", aggregate).isNull();
            int count = Integer.parseInt(aggregate.substring(aggregate.lastIndexOf("-of-") + 4));
            assertThat(stored).as("the unit of %s", aggregate)
                              .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
        });
    }

    private static long position(TrackedEventMessage<?> event) {
        return ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
    }
}
