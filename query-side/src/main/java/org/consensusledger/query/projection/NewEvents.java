package org.consensusledger.query.projection;

import jakarta.annotation.PreDestroy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.UnknownSerializedType;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

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
class NewEvents {

    private static final Logger LOGGER = LoggerFactory.getLogger(NewEvents.class);

    private final LedgerEventStorageEngine log;
    private final ProjectionStops stops;
    private final List<Runnable> waiting = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "log-head-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long head = -1;

    NewEvents(LedgerEventStorageEngine log, ProjectionStops stops, ProjectionProperties properties) {
        this.log = log;
        this.stops = stops;
        long interval = properties.pollInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::look, interval, interval, TimeUnit.MILLISECONDS);
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
        } catch (RuntimeException | Error e) {
            // An Error too: a periodic task that throws is never run again.
            LOGGER.debug("Could not read the log's head; the processors look by themselves", e);
        }
    }

    /**
     * The event, if this query side knows its type. An event of a type it does not know (written by a newer command
     * side, or altered in the database) would be passed over by every processor — none has a handler for it — and
     * the public record would lack it without a sign. Instead the processors stop before it, and say so.
     */
    private TrackedEventMessage<?> known(TrackedEventMessage<?> event) {
        if (event.getPayloadType() == UnknownSerializedType.class) {
            long position = event.trackingToken().position().orElse(-1);
            UnknownEventType unknown = new UnknownEventType(position, event);
            stops.record(ProjectionStops.EVERY_PROCESSOR, position, position, unknown);
            throw unknown;
        }
        return event;
    }

    /** An event whose type this query side does not know. */
    static final class UnknownEventType extends EventNotProjected {
        UnknownEventType(long position, TrackedEventMessage<?> event) {
            super(position, "its type " + ((UnknownSerializedType) event.getPayload()).serializedType().getName()
                    + " is unknown to this query side", new IllegalStateException("unknown event type"));
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
            return delegate.peek().map(NewEvents.this::known);
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
            return known(delegate.nextAvailable());
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
