package org.consensusledger.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.projection.ProjectionSetup;
import org.consensusledger.query.projection.ReadModel;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.query.projection.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from position 0. The processors are stopped, their read models emptied (their
 * {@code @ResetHandler}s) and their tokens reset, which needs every segment claimable: no other instance may be
 * processing. Then one reader goes through the log once, in batches of {@code ledger.replay.batch-size} events, and
 * hands each event to every processor's own event handlers, as the processors would, with the read models' recently
 * changed documents kept in memory between batches and written by a thread per read model (see
 * {@link ReadModel.Rebuild}). The log is read on one thread and its events deserialised on another, each a batch ahead
 * of the handlers. At the end, every token is set to the last position read, and the processors start again from
 * there. Should the rebuild fail, the processors start from their reset tokens and replay by themselves, only slower.
 */
@Component
public class Replays {

    private static final Logger LOGGER = LoggerFactory.getLogger(Replays.class);
    /** Documents of each read model a rebuild keeps in memory between batches. */
    private static final int RECENT_DOCUMENTS = 10_000;
    /** Marks the end of the log in the queue of batches. */
    private static final Object END = new Object();

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TokenPositions positions;
    private final LedgerEventStorageEngine log;
    private final int batchSize;
    private final Rebuilds rebuilds;
    private volatile Rebuild running;

    Replays(EventProcessingConfiguration processing, TokenStore tokens, TokenPositions positions,
            LedgerEventStorageEngine log, ReplayProperties replay, Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.processing = processing;
        this.tokens = tokens;
        this.positions = positions;
        this.log = log;
        this.batchSize = replay.batchSizeFor(Runtime.getRuntime().maxMemory());
        if (batchSize < replay.batchSize()) {
            LOGGER.info("A replay reads {} events at a time, not ledger.replay.batch-size={}: the heap ({} MB) is too "
                                + "small for six batches of that size in memory at once", batchSize,
                        replay.batchSize(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    /**
     * Where each processor is. {@code position} is where its read model stands, over all segments, whichever
     * instances hold them (the lowest of their tokens), or how far a rebuild has come; {@code segments} are the
     * segments this instance holds, and {@code replaying}/{@code caughtUp} say how those are doing.
     */
    public record ProcessorStatus(String name, boolean replaying, boolean caughtUp, Long position,
                                  List<Integer> segments) {
    }

    /**
     * Starts a rebuild of every read model and returns at once; {@link #status()} shows its progress, and
     * {@link #rebuilding()} completes when it is done.
     *
     * @throws UnableToClaimTokenException when another query-side instance is processing: a replay needs them all
     *                                     stopped but one
     * @throws IllegalStateException       when a rebuild is already running
     */
    public synchronized List<ProcessorStatus> replayAll() {
        if (running != null && !running.done.isDone()) {
            throw new IllegalStateException("A replay is already running");
        }
        Map<String, StreamingEventProcessor> processors = processors();
        processors.values().forEach(processor -> processor.shutdownAsync().join());
        try {
            processors.forEach((name, processor) -> {
                if (tokens.fetchSegments(name).length == 0) {
                    tokens.initializeTokenSegments(name, ProjectionSetup.INITIAL_SEGMENTS);
                }
                processor.resetTokens();
            });
        } catch (RuntimeException e) {
            processors.values().forEach(StreamingEventProcessor::start);
            throw e;
        }
        Rebuild rebuild = new Rebuild(processors);
        running = rebuild;
        CompletableFuture.runAsync(rebuild::run, runnable -> {
            Thread thread = new Thread(runnable, "replay");
            thread.setDaemon(true);
            thread.start();
        });
        return status();
    }

    /** The last position the last successful rebuild here reached; empty if none has run. */
    public OptionalLong rebuiltUpTo() {
        Rebuild rebuild = running;
        return rebuild != null && rebuild.done.isDone() && !rebuild.done.isCompletedExceptionally()
                && rebuild.position >= 0 ? OptionalLong.of(rebuild.position) : OptionalLong.empty();
    }

    /** Completes when the last rebuild started here has ended (at once if none has). */
    public CompletableFuture<Void> rebuilding() {
        Rebuild rebuild = running;
        return rebuild == null ? CompletableFuture.completedFuture(null) : rebuild.done;
    }

    public List<ProcessorStatus> status() {
        Rebuild rebuild = running;
        boolean rebuildingNow = rebuild != null && !rebuild.done.isDone();
        List<ProcessorStatus> status = new ArrayList<>();
        processors().forEach((name, processor) -> {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            if (rebuildingNow) {
                status.add(new ProcessorStatus(name, true, false, rebuild.position < 0 ? null : rebuild.position,
                                               List.of()));
                return;
            }
            boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            boolean caughtUp = !segments.isEmpty()
                    && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
            OptionalLong position = positions.lowest(name);
            status.add(new ProcessorStatus(name, replaying, caughtUp,
                                           position.isPresent() ? position.getAsLong() : null,
                                           new ArrayList<>(new TreeMap<>(segments).keySet())));
        });
        return status;
    }

    private Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor candidate) {
                streaming.put(name, candidate);
            }
        });
        return streaming;
    }

    /** One pass over the log that feeds every processor's handlers. */
    private final class Rebuild {

        private final Map<String, StreamingEventProcessor> processors;
        private final List<EventHandlerInvoker> invokers = new ArrayList<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile long position = -1;

        Rebuild(Map<String, StreamingEventProcessor> processors) {
            this.processors = processors;
            processors.values().forEach(processor -> invokers.add(((AbstractEventProcessor) processor)
                                                                          .eventHandlerInvoker()));
        }

        void run() {
            ReadModel.Rebuild memory = new ReadModel.Rebuild(RECENT_DOCUMENTS);
            BlockingQueue<Object> stored = new ArrayBlockingQueue<>(2);
            BlockingQueue<Object> batches = new ArrayBlockingQueue<>(2);
            Thread reader = new Thread(() -> read(stored), "replay-reader");
            Thread decoder = new Thread(() -> decode(stored, batches), "replay-decoder");
            reader.setDaemon(true);
            decoder.setDaemon(true);
            reader.start();
            decoder.start();
            try {
                long started = System.nanoTime();
                long waited = 0;
                long mark = started;
                for (Object next = batches.take(); next != END; next = batches.take()) {
                    waited += System.nanoTime() - mark;
                    if (next instanceof Throwable failure) {
                        throw new IllegalStateException("Reading the log after position " + position + " failed",
                                                        failure);
                    }
                    @SuppressWarnings("unchecked")
                    List<TrackedEventMessage<?>> batch = (List<TrackedEventMessage<?>>) next;
                    handle(batch, memory);
                    position = batch.get(batch.size() - 1).trackingToken().position().orElseThrow();
                    mark = System.nanoTime();
                }
                long handled = System.nanoTime();
                memory.finish();
                if (position >= 0) {
                    GlobalSequenceTrackingToken reached = new GlobalSequenceTrackingToken(position);
                    processors.keySet().forEach(name -> {
                        for (int segment : tokens.fetchSegments(name)) {
                            tokens.storeToken(reached, name, segment);
                            tokens.releaseClaim(name, segment);
                        }
                    });
                }
                long ended = System.nanoTime();
                LOGGER.info("Replay rebuilt every read model up to position {} in {} ms ({} events/s): waited {} ms "
                                    + "for the log, {} ms writing the last documents", position,
                            (ended - started) / 1_000_000, Math.round((position + 1) * 1e9 / (ended - started)),
                            waited / 1_000_000, (ended - handled) / 1_000_000);
                rebuilds.finished(); // pages kept while it ran are dropped
                done.complete(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                reader.interrupt();
                decoder.interrupt();
                memory.close();
                processors.values().forEach(StreamingEventProcessor::start);
            }
        }

        private void fail(Throwable e) {
            LOGGER.error("Replay failed at position {}; the processors replay by themselves from their reset "
                                 + "tokens", position + 1, e);
            rebuilds.finished();
            done.completeExceptionally(e);
        }

        /** Reads the log into batches of events as stored, ahead of the decoding thread. */
        private void read(BlockingQueue<Object> stored) {
            try {
                try (Stream<? extends TrackedEventMessage<?>> events = log.readEvents(null, false)) {
                    Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                    List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
                    while (iterator.hasNext()) {
                        batch.add(iterator.next());
                        if (batch.size() == batchSize || !iterator.hasNext()) {
                            stored.put(batch);
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                }
                stored.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                pass(stored, e);
            }
        }

        /**
         * Deserialises each read event's payload and metadata, ahead of the handlers: reading (with the database's
         * answer), decoding and handling overlap.
         */
        private void decode(BlockingQueue<Object> stored, BlockingQueue<Object> decoded) {
            try {
                for (Object next = stored.take(); ; next = stored.take()) {
                    if (next instanceof List<?> batch) {
                        for (Object event : batch) {
                            ((TrackedEventMessage<?>) event).getPayload();
                            ((TrackedEventMessage<?>) event).getMetaData();
                        }
                    }
                    decoded.put(next);
                    if (!(next instanceof List<?>)) {
                        return; // the end, or a failure of the reader, passed on
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                pass(decoded, e);
            }
        }

        private static void pass(BlockingQueue<Object> queue, Throwable failure) {
            try {
                queue.put(failure);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void handle(List<TrackedEventMessage<?>> batch, ReadModel.Rebuild memory) {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.resources().put(ReadModel.Rebuild.KEY, memory);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                TrackedEventMessage<?> event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
                for (EventHandlerInvoker invoker : invokers) {
                    // Each invoker picks the handlers that take the event, if any.
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("Handling the events from position "
                        + batch.get(0).trackingToken().position().orElseThrow() + " failed", result.exceptionResult());
            }
        }
    }
}
