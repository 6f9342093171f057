package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.audit.CheckpointKey;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.projection.ProjectionProperties;
import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.query.projection.TokenPositions;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.web.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The query side auditing itself: it derives again, from the log alone, what it publishes, and says where the two
 * differ. A full pass — once the read models have caught up with the log at start, then
 * {@code ledger.self-check.full-interval} after each pass ends (longer on a long log, so that passes take at most
 * {@code ledger.self-check.full-pass-share} of the time), and whenever asked — reads the whole log once
 * ({@link LogCheck}: nothing missing, every event as the Merkle tree took it in, the tree's and every signed
 * checkpoint's root recomputed from the events) and, as it reads, derives every read-model document again with the
 * projections' own handlers and compares it with the stored one ({@link Sweep}), naming stored documents that no
 * event makes. Between passes it follows the log every {@code ledger.self-check.follow-interval}: the new events are
 * checked the same way, and the parts of the log they touched ({@link LogParts}) are derived again and compared
 * ({@link Rederivation}) once the read models have taken them in. The result is at
 * {@code GET /api/audit/self-check} and on the site's self-check page; every new problem is logged, and
 * {@code ledger_self_check_problems} counts them.
 */
@Component
@EnableConfigurationProperties(SelfCheckProperties.class)
public class SelfCheck implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(SelfCheck.class);

    private final LedgerEventStorageEngine log;
    private final MongoCollection<BsonDocument> commits;
    private final MerkleLog tree;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;
    private final TokenPositions tokens;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final SelfCheckProperties properties;
    private final boolean replayOnly;
    private final long maxReadyLag;
    private final Rederivation rederivation;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile Thread worker;
    private volatile CompletableFuture<Report> requested;
    private volatile Report report = Report.starting();

    // Owned by the worker thread.
    private LogCheck logCheck;
    private LogParts parts;
    private final List<Problem> logProblems = new ArrayList<>();
    private final Map<String, List<Problem>> partProblems = new TreeMap<>();
    private final Set<String> reported = new HashSet<>();
    private Report.Pass lastPass;

    SelfCheck(LedgerEventStorageEngine log, LedgerDatabase database, MerkleLog tree, Checkpoints checkpoints,
              CheckpointKey key, TokenPositions tokens, ObjectProvider<EventProcessingConfiguration> processing,
              SelfCheckProperties properties, ProjectionProperties projections, ReplayProperties replay,
              MeterRegistry metrics) {
        this.maxReadyLag = projections.maxReadyLag();
        this.log = log;
        this.commits = database.collection(LedgerCollection.EVENT_COMMITS, BsonDocument.class);
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.key = key;
        this.tokens = tokens;
        this.processing = processing;
        this.properties = properties;
        this.replayOnly = replay.replayOnly();
        this.rederivation = new Rederivation(log, tokens);
        Gauge.builder("ledger.self_check.problems", this, check -> check.report.problemCount())
             .description("Problems the query side's self-check found (log, tree, checkpoints, read models)")
             .register(metrics);
    }

    /** What the self-check has found so far. */
    public Report report() {
        return report;
    }

    /**
     * Starts a full pass now (or joins the one asked for already); completes with its report.
     *
     * @throws IllegalStateException when the self-check is not running
     */
    public CompletableFuture<Report> runFullPass() {
        if (worker == null) {
            throw new IllegalStateException("The self-check is not running (ledger.self-check.enabled)");
        }
        CompletableFuture<Report> pending;
        lock.lock();
        try {
            pending = requested;
            if (pending == null) {
                pending = new CompletableFuture<>();
                requested = pending;
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        return pending;
    }

    private void run() {
        long nextFull = 0;
        while (worker == Thread.currentThread()) {
            try {
                CompletableFuture<Report> asked = requested;
                if (asked != null || (System.nanoTime() - nextFull >= 0 && readModelsCaughtUp())) {
                    long began = System.nanoTime();
                    fullPass();
                    long took = System.nanoTime() - began;
                    long pause = Math.max(properties.fullInterval().toNanos(),
                                          (long) (took * (1 / properties.fullPassShare() - 1)));
                    nextFull = System.nanoTime() + pause;
                    if (asked != null) {
                        requested = null;
                        asked.complete(report);
                    }
                } else {
                    follow();
                }
                pause();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (worker != Thread.currentThread()) {
                    return;
                }
                LOGGER.warn("The self-check could not finish a step; it tries again in {}",
                            properties.followInterval(), e);
                try {
                    pause();
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void pause() throws InterruptedException {
        lock.lock();
        try {
            if (requested == null) {
                wake.await(properties.followInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void fullPass() {
        Instant started = Instant.now();
        long began = System.nanoTime();
        report = report.checking(started);
        LogCheck freshLog = newLogCheck();
        freshLog.expectCheckpointsFromStart();
        LogParts freshParts = new LogParts();
        List<Problem> found = new ArrayList<>();
        Sweep sweep = new Sweep(handlers(), tokens, freshLog::checkedUpTo, log::nextGlobalPosition);
        freshLog.readOn(found, event -> {
            TrackedEventMessage<?> message = read(event, freshParts, found);
            if (message != null) {
                sweep.accept(message, found);
            }
        });
        sweep.finish(found);
        freshParts.forgetTouched();

        logCheck = freshLog;
        parts = freshParts;
        logProblems.clear();
        logProblems.addAll(found);
        partProblems.clear();
        lastPass = new Report.Pass(started, Instant.now(), freshLog.checkedUpTo(), freshParts.all().size(),
                                   sweep.documents(), (System.nanoTime() - began) / 1_000_000);
        int before = report.problemCount();
        boolean first = report.lastFullPass() == null;
        publish(null);
        if (first || before != report.problemCount()) {
            LOGGER.info("Self-check: a full pass over {} events and {} read-model documents took {} ms; problems "
                                + "found: {}", lastPass.events(), sweep.documents(), lastPass.millis(),
                        report.problemCount());
        } else {
            LOGGER.debug("Self-check: a full pass over {} events took {} ms; problems found: {}", lastPass.events(),
                         lastPass.millis(), report.problemCount());
        }
    }

    /**
     * Runs a full pass on the calling thread, when the self-check's own thread is not running (a benchmark, or a
     * tool with {@code ledger.self-check.enabled=false}); returns its report.
     *
     * @throws IllegalStateException when the self-check is running
     */
    public synchronized Report fullPassHere() {
        if (worker != null) {
            throw new IllegalStateException("The self-check runs on its own thread; ask it with runFullPass()");
        }
        fullPass();
        return report;
    }

    /**
     * Whether every processor is within {@code ledger.projections.max-ready-lag} of the log: a full pass waits for
     * it (at start, and during a replay, the read models are being built and a comparison would tell nothing).
     */
    private boolean readModelsCaughtUp() {
        OptionalLong passed = lowestOfAll();
        return passed.isPresent() && log.nextGlobalPosition() - 1 - passed.getAsLong() <= maxReadyLag
                || log.nextGlobalPosition() == 0;
    }

    private void follow() {
        if (logCheck == null) {
            return;
        }
        List<Problem> found = new ArrayList<>();
        logCheck.readOn(found, event -> read(event, parts, found));
        logProblems.addAll(found);
        OptionalLong passed = lowestOfAll();
        Map<String, EventHandlerInvoker> handlers = null;
        if (passed.isPresent()) {
            for (Map.Entry<String, LogParts.Part> part : parts.takeTouchedUpTo(passed.getAsLong())) {
                handlers = handlers == null ? handlers() : handlers;
                List<Problem> inPart = new ArrayList<>();
                rederivation.check(part.getValue().aggregates(), logCheck.checkedUpTo(), handlers, inPart);
                if (inPart.isEmpty()) {
                    partProblems.remove(part.getKey());
                } else {
                    partProblems.put(part.getKey(), inPart);
                }
            }
        }
        publish(null);
    }

    /**
     * A stored event as the processors receive it, sorted into its part of the log; null (and a problem) when it
     * cannot be read.
     */
    private TrackedEventMessage<?> read(JsonNode event, LogParts into, List<Problem> problems) {
        try {
            TrackedEventMessage<?> message = rederivation.message(event);
            into.add((DomainEventMessage<?>) message, message.trackingToken().position().orElseThrow());
            return message;
        } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
            long position = event.path(EventLogSchema.POSITION).asLong(-1);
            into.addUnreadable(event);
            problems.add(Problem.atPosition(Problem.Kind.EVENT_UNREADABLE, position, "The event stored at position "
                    + position + " cannot be read: " + e.getMessage()));
            return null;
        }
    }

    private OptionalLong lowestOfAll() {
        long lowest = Long.MAX_VALUE;
        for (String name : handlers().keySet()) {
            OptionalLong position = tokens.lowest(name);
            if (position.isEmpty()) {
                return position;
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** Each streaming processor's handlers, by name. */
    private Map<String, EventHandlerInvoker> handlers() {
        Map<String, EventHandlerInvoker> handlers = new TreeMap<>();
        processing.getObject().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor && processor instanceof AbstractEventProcessor handled) {
                handlers.put(name, handled.eventHandlerInvoker());
            }
        });
        return handlers;
    }

    private LogCheck newLogCheck() {
        return new LogCheck(log, commits, tree, checkpoints, () -> new NoteVerifier(key.vkey()),
                            properties.batchSize());
    }

    private void publish(Instant runningSince) {
        List<Problem> all = new ArrayList<>();
        tree.receiptAlarms().forEach(alarm -> all.add(Problem.atPosition(
                alarm.missing() ? Problem.Kind.RECEIPT_MISSING : Problem.Kind.RECEIPT_DIFFERS, alarm.position(),
                alarm.detail())));
        all.addAll(logProblems);
        partProblems.values().forEach(all::addAll);
        for (Problem problem : all) {
            if (reported.size() < 10 * properties.maxProblems() && reported.add(problem.kind() + problem.detail())) {
                LOGGER.error("Self-check: {}", LogSafe.of(problem.detail()));
            }
        }
        List<Problem> shown = all.size() > properties.maxProblems() ? all.subList(0, properties.maxProblems()) : all;
        report = new Report(lastPass == null ? Report.CHECKING : all.isEmpty() ? Report.OK : Report.PROBLEMS,
                            Instant.now(), logCheck == null ? 0 : logCheck.checkedUpTo(), lastPass, runningSince,
                            all.size(), List.copyOf(shown));
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled() && !replayOnly;
    }

    @Override
    public synchronized void start() {
        Thread thread = new Thread(this::run, "self-check");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CompletableFuture<Report> pending = requested;
        if (pending != null) {
            pending.completeExceptionally(new IllegalStateException("The self-check stopped"));
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Starts after the read models and the tree (it reads both). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
