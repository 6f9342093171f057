package org.consensusledger.eventlog;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/** After a clean restart, a processor resumes from the token Axon's Mongo token store kept, replaying nothing. */
class ProcessorRestartTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    @Test
    void aRestartedProcessorResumesFromItsStoredTokenWithoutReplaying() {
        MongoDatabase database = MONGO.freshDatabase();
        for (int i = 0; i < 50; i++) {
            engine(database).appendEvents(event("a", i));
        }

        RunningProcessor first = RunningProcessor.start(database);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.seen.size() == 50);
        first.stop();
        assertThat(first.seen).containsExactlyElementsOf(LongStream.range(0, 50).boxed().toList());
        assertThat(tokenStore(database).fetchToken("projector", 0).position()).hasValue(49);

        RunningProcessor restarted = RunningProcessor.start(database);
        for (int i = 50; i < 60; i++) {
            restarted.eventStore.publish(event("a", i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> restarted.seen.size() >= 10);
        restarted.stop();
        assertThat(restarted.seen).containsExactlyElementsOf(LongStream.range(50, 60).boxed().toList());
    }

    private static TokenStore tokenStore(MongoDatabase database) {
        MongoTokenStore store = MongoTokenStore.builder()
                                               .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database)
                                                                                  .build())
                                               .serializer(LedgerSerializers.serializer())
                                               .nodeId("restart-test")
                                               .build();
        store.ensureIndexes();
        return store;
    }

    /** Everything a process has: its own engine, event store, token store and processor. */
    private record RunningProcessor(EmbeddedEventStore eventStore, PooledStreamingEventProcessor processor,
                                    ScheduledExecutorService executor, List<Long> seen) {

        static RunningProcessor start(MongoDatabase database) {
            List<Long> seen = new CopyOnWriteArrayList<>();
            EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine(database)).build();
            ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
            PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                    .name("projector")
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(
                            (EventMessageHandler) event -> {
                                // position() also reads through the replay token a processor starts with
                                seen.add(((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow());
                                return null;
                            }).build())
                    .messageSource(eventStore)
                    .tokenStore(tokenStore(database))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .coordinatorExecutor(executor)
                    .workerExecutor(executor)
                    .initialSegmentCount(1)
                    .build();
            processor.start();
            return new RunningProcessor(eventStore, processor, executor, seen);
        }

        void stop() {
            processor.shutdownAsync().join();
            eventStore.shutDown();
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
