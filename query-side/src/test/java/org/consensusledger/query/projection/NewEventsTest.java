package org.consensusledger.query.projection;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/** A waiting processor's stream calls back as soon as another writer has grown the log. */
class NewEventsTest {

    @Test
    void aStreamCallsBackWhenTheLogGrows() {
        var database = TestMongo.shared().freshDatabase();
        LedgerEventStorageEngine reader = engine(database);
        LedgerEventStorageEngine writer = engine(database);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(reader).build();
        NewEvents newEvents = new NewEvents(reader, null, new ProjectionProperties(
                1000, Duration.ofSeconds(5), Duration.ofSeconds(2), 200, Duration.ofMillis(10), 10_000));
        AtomicInteger calls = new AtomicInteger();
        try (BlockingStream<TrackedEventMessage<?>> stream = newEvents.source(store).openStream(null)) {
            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();
            await().pollDelay(Duration.ofMillis(50)).until(() -> calls.get() <= 1); // the first look sets the head
            int before = calls.get();

            writer.appendEvents(List.of(event("a", 0)));

            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > before);
            assertThat(stream.hasNextAvailable()).isTrue();
        } finally {
            newEvents.stop();
            store.shutDown();
        }
    }
}
