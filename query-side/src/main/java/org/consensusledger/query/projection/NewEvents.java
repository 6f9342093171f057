package org.consensusledger.query.projection;

import jakarta.annotation.PreDestroy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the processors' message source, with one addition: it tells a waiting processor at once when
 * the log has grown. Axon's pooled streaming processor, given a stream that cannot say so, looks again only every
 * 500 ms; here one thread watches the log's head every {@code ledger.projections.poll-interval} (20 ms: one small
 * query) and wakes the processors' coordinators when it moves.
 */
@Component
public class NewEvents {

    private static final Logger LOGGER = LoggerFactory.getLogger(NewEvents.class);

    private final LedgerEventStorageEngine log;
    private final List<Runnable> waiting = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "log-head-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long head = -1;

    NewEvents(LedgerEventStorageEngine log, @Value("${ledger.projections.poll-interval:20ms}") Duration interval) {
        this.log = log;
        watcher.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            long now = log.nextGlobalPosition();
            if (now != head) {
                head = now;
                waiting.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            LOGGER.debug("Could not read the log's head; the processors look by themselves", e);
        }
    }

    /** {@code events} as a message source whose streams call back when the log has grown. */
    StreamableMessageSource<TrackedEventMessage<?>> source(EventStore events) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                return new Notifying(events.openStream(token));
            }

            @Override
            public TrackingToken createTailToken() {
                return events.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return events.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return events.createTokenAt(dateTime);
            }
        };
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
    }

    /** The event store's stream, which can now call back when events are available. */
    private final class Notifying implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private Runnable callback;

        Notifying(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return delegate.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignored) {
            delegate.skipMessagesWithPayloadTypeOf(ignored);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            if (callback != null) {
                waiting.remove(callback);
            }
            callback = onAvailable;
            waiting.add(onAvailable);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                waiting.remove(callback);
            }
            delegate.close();
        }
    }
}
