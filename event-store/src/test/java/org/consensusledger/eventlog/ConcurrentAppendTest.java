package org.consensusledger.eventlog;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * Order under concurrency: writers in several "processes" (each with its own client and engine) append to random
 * aggregates while a tracking processor in yet another one reads. Every event must arrive exactly once, in global
 * order, at positions 0…N−1.
 */
class ConcurrentAppendTest {

    private static final int PROCESSES = 4;
    private static final int WRITERS_PER_PROCESS = 2;
    private static final int EVENTS = 20_000;
    private static final int AGGREGATES = 200;

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    @Test
    void aTrackingProcessorSeesEveryEventOnceInGlobalOrderWhileEightWritersAppend() throws Exception {
        String databaseName = TestMongo.freshDatabaseName();
        List<MongoClient> clients = new ArrayList<>();
        List<LedgerEventStorageEngine> engines = new ArrayList<>();
        for (int i = 0; i <= PROCESSES; i++) {
            MongoClient client = MONGO.newClient();
            clients.add(client);
            engines.add(engine(client.getDatabase(databaseName)));
        }
        List<Long> seenPositions = new CopyOnWriteArrayList<>();
        Set<String> seenIds = ConcurrentHashMap.newKeySet();
        EmbeddedEventStore readerStore = EmbeddedEventStore.builder().storageEngine(engines.get(PROCESSES))
                                                           .fetchDelay(20).build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("reader")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(
                        (EventMessageHandler) event -> {
                            seenPositions.add(position(event));
                            seenIds.add(event.getIdentifier());
                            return null;
                        }).build())
                .messageSource(readerStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        processor.start();

        AtomicInteger stored = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        Set<String> storedIds = ConcurrentHashMap.newKeySet();
        ExecutorService writers = Executors.newFixedThreadPool(PROCESSES * WRITERS_PER_PROCESS);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < PROCESSES * WRITERS_PER_PROCESS; i++) {
            LedgerEventStorageEngine writer = engines.get(i % PROCESSES);
            done.add(writers.submit(() -> write(writer, stored, storedIds, conflicts)));
        }
        for (Future<?> future : done) {
            future.get();
        }
        writers.shutdown();

        int total = stored.get();
        await().atMost(Duration.ofMinutes(2)).until(() -> seenPositions.size() >= total);
        processor.shutDown();
        readerStore.shutDown();
        clients.forEach(MongoClient::close);

        assertThat(total).isGreaterThanOrEqualTo(EVENTS);
        assertThat(conflicts.get()).as("racing writers must have collided at least once").isPositive();
        assertThat(seenPositions).containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
        assertThat(seenIds).isEqualTo(storedIds);
    }

    /** Appends 1–3 events at a time to random aggregates, trusting a local (often stale) idea of each one's end. */
    private static void write(LedgerEventStorageEngine engine, AtomicInteger stored, Set<String> storedIds,
                              AtomicInteger conflicts) {
        Map<String, Long> nextSequence = new HashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (stored.get() < EVENTS) {
            String aggregate = "aggregate-" + random.nextInt(AGGREGATES);
            long first = nextSequence.getOrDefault(aggregate, 0L);
            int count = 1 + random.nextInt(3);
            List<DomainEventMessage<?>> commit = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                commit.add(event(aggregate, first + i));
            }
            try {
                engine.appendEvents(commit);
                nextSequence.put(aggregate, first + count);
                commit.forEach(e -> storedIds.add(e.getIdentifier()));
                stored.addAndGet(count);
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                conflicts.incrementAndGet();
                nextSequence.put(aggregate, engine.lastSequenceNumberFor(aggregate).orElse(-1L) + 1);
            }
        }
    }

    @Test
    void ofWritersRacingForTheSameSequenceNumberExactlyOneWinsAndTheOthersGetAConcurrencyException()
            throws Exception {
        String databaseName = TestMongo.freshDatabaseName();
        int racers = 8;
        List<MongoClient> clients = new ArrayList<>();
        List<LedgerEventStorageEngine> engines = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            MongoClient client = MONGO.newClient();
            clients.add(client);
            engines.add(engine(client.getDatabase(databaseName)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        for (long sequence = 0; sequence < 20; sequence++) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                LedgerEventStorageEngine engine = engines.get(i);
                EventMessage<?> candidate = event("contested", sequence);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        engine.appendEvents(candidate);
                        return true;
                    } catch (ConcurrencyException | AggregateStreamCreationException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get() ? 1 : 0;
            }
            assertThat(winners).as("winners at sequence %d", sequence).isEqualTo(1);
        }
        pool.shutdown();

        MongoDatabase database = clients.get(0).getDatabase(databaseName);
        assertThat(engine(database).readEvents(null, false).map(ConcurrentAppendTest::position))
                .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        clients.forEach(MongoClient::close);
    }

    /** The global position, also through the replay token a processor may start with. */
    private static long position(EventMessage<?> event) {
        return ((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow();
    }
}
