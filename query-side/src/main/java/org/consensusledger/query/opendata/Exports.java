package org.consensusledger.query.opendata;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.projection.StoredEvents;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The public record at a signed checkpoint, from which every export is made: the log folded up to the checkpoint's
 * tree size (read from the log itself, not from the read models, which each stand at a position of their own), so
 * that an export holds exactly what the log held at that checkpoint.
 *
 * <p>The latest checkpoint's snapshot is kept and moved on by folding only the events after it; serving it never
 * waits for an earlier checkpoint's. Snapshots made are kept in a cache bounded by their weight (their rows). An
 * earlier checkpoint's snapshot not kept is folded from the nearest kept snapshot below it (or from the start of the
 * log): one such fold at a time, on the thread of the request that asked for it; each size is folded at most once at
 * a time (requests for the same size wait for that fold, a few of them and for at most {@link #WAIT}); a request for
 * another earlier size while one is folded, or one more waiter, is answered {@link Busy} (503 with Retry-After), so
 * that requests for earlier checkpoints can never hold every server thread.
 */
@Component
class Exports {

    /** How long a request waits for an earlier checkpoint's snapshot being folded for another one. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** When to try again after {@link Busy}. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** How many requests may wait at once for an earlier checkpoint's snapshot being folded. */
    static final int WAITERS = 4;
    /** The rows (organisations, bodies, memberships, meetings, dossiers' entries) all kept snapshots may hold. */
    static final long MAXIMUM_ROWS = 2_000_000;

    private final Checkpoints checkpoints;
    private final StoredEvents log;
    /** Snapshots made or being made, by tree size: a future while folded, so that each size is folded once. */
    private final AsyncCache<Long, Snapshot> snapshots = Caffeine.newBuilder().maximumWeight(MAXIMUM_ROWS)
            .weigher((Long size, Snapshot snapshot) -> weight(snapshot)).buildAsync();
    /** One fold of an earlier checkpoint at a time. */
    private final Semaphore folding = new Semaphore(1);
    private final Semaphore waiting = new Semaphore(WAITERS);
    /** The fold of the latest checkpoint, moved on as the log grows (under its own lock). */
    private final SnapshotFold latestFold = new SnapshotFold();
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    /** Told the size of every earlier checkpoint's fold as it begins (tests hold a fold there). */
    private volatile LongConsumer beforeEarlierFold = size -> { };

    Exports(Checkpoints checkpoints, StoredEvents log) {
        this.checkpoints = checkpoints;
        this.log = log;
    }

    /** The record at the latest signed checkpoint, or at the checkpoint of tree size {@code at} if given. */
    Snapshot at(Long at) {
        if (at == null) {
            return latest(checkpoints.latest().orElseThrow(NoCheckpointYet::new));
        }
        return snapshot(checkpoints.ofSize(at).orElseThrow(
                () -> new ProblemHandler.NotFound("checkpoint", "of tree size " + at)));
    }

    /**
     * The snapshot at the latest checkpoint: {@code checkpoint}'s, or a newer one's if another request has already
     * moved the latest fold past it (a checkpoint signed meanwhile); never one folded as an earlier checkpoint.
     */
    private Snapshot latest(Checkpoints.Signed checkpoint) {
        Snapshot last = latest.get();
        if (last != null && last.stamp().treeSize() >= checkpoint.size()) {
            return last;
        }
        Snapshot movedOn = moveOn(checkpoint);
        return movedOn != null ? movedOn : latest.get();
    }

    /** The latest signed checkpoint, if there is one yet. */
    Optional<Checkpoints.Signed> latestCheckpoint() {
        return checkpoints.latest();
    }

    private Snapshot snapshot(Checkpoints.Signed checkpoint) {
        Snapshot last = latest.get();
        if (last != null && last.stamp().treeSize() == checkpoint.size()) {
            return last;
        }
        Snapshot kept = made(snapshots.getIfPresent(checkpoint.size()));
        if (kept != null) {
            return kept;
        }
        if (last == null || checkpoint.size() > last.stamp().treeSize()) {
            Snapshot movedOn = moveOn(checkpoint);
            if (movedOn != null) {
                return movedOn;
            }
        }
        return earlier(checkpoint);
    }

    /** Moves the latest fold on to {@code checkpoint}, or null if it is already past it (another request moved it). */
    private Snapshot moveOn(Checkpoints.Signed checkpoint) {
        synchronized (latestFold) {
            Snapshot last = latest.get();
            if (last != null && last.stamp().treeSize() >= checkpoint.size()) {
                return last.stamp().treeSize() == checkpoint.size() ? last : null;
            }
            log.forEachBetween(latestFold.size(), checkpoint.size(), latestFold::fold);
            latestFold.reached(checkpoint.size());
            Snapshot made = latestFold.snapshot(stamp(checkpoint));
            snapshots.put(checkpoint.size(), CompletableFuture.completedFuture(made));
            latest.set(made);
            return made;
        }
    }

    /** An earlier checkpoint's snapshot: folded here if no other is being folded, else waited for, or Busy. */
    private Snapshot earlier(Checkpoints.Signed checkpoint) {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> future = snapshots.get(checkpoint.size(), (size, executor) -> {
            if (!folding.tryAcquire()) {
                throw new Busy(); // not cached: Caffeine keeps nothing when the mapping function throws
            }
            return mine;
        });
        if (future == mine) {
            try {
                beforeEarlierFold.accept(checkpoint.size());
                Snapshot made = fold(checkpoint);
                mine.complete(made);
                return made;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e); // removed from the cache: the next request folds again
                throw e;
            } finally {
                folding.release();
            }
        }
        Snapshot done = made(future);
        if (done != null) {
            return done;
        }
        if (!waiting.tryAcquire()) {
            throw new Busy();
        }
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e);
        } finally {
            waiting.release();
        }
    }

    /** Folds an earlier checkpoint from the nearest snapshot kept below it, or from the start of the log. */
    private Snapshot fold(Checkpoints.Signed checkpoint) {
        Snapshot base = null;
        for (Map.Entry<Long, CompletableFuture<Snapshot>> kept : snapshots.asMap().entrySet()) {
            Snapshot candidate = made(kept.getValue());
            if (kept.getKey() < checkpoint.size() && candidate != null
                    && (base == null || kept.getKey() > base.stamp().treeSize())) {
                base = candidate;
            }
        }
        SnapshotFold fold = base == null ? new SnapshotFold() : SnapshotFold.from(base);
        log.forEachBetween(fold.size(), checkpoint.size(), fold::fold);
        fold.reached(checkpoint.size());
        return fold.snapshot(stamp(checkpoint));
    }

    /** The snapshot a future holds if it is made, else null (absent, being made, or failed). */
    private static Snapshot made(CompletableFuture<Snapshot> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
    }

    private static int weight(Snapshot snapshot) {
        long rows = 1L + snapshot.organisations().size() + snapshot.bodies().size() + snapshot.memberships().size()
                + snapshot.meetings().size() + snapshot.withdrawals().size();
        for (var dossier : snapshot.dossiers()) {
            rows += 1 + dossier.versions().size() + dossier.contributions().size() + dossier.objections().size()
                    + dossier.outcomes().size() + dossier.timeline().size();
        }
        return (int) Math.min(Integer.MAX_VALUE, rows);
    }

    /** For tests: called with the tree size of every earlier checkpoint's fold as it begins, on its thread. */
    void beforeEarlierFold(LongConsumer hook) {
        beforeEarlierFold = hook == null ? size -> { } : hook;
    }

    /** How many requests are waiting for an earlier checkpoint's snapshot being folded for another (for tests). */
    int waiters() {
        return WAITERS - waiting.availablePermits();
    }

    static Snapshot.Stamp stamp(Checkpoints.Signed checkpoint) {
        String note = checkpoint.note();
        String origin = note.substring(0, Math.max(0, note.indexOf('\n')));
        return new Snapshot.Stamp(checkpoint.size(), checkpoint.size() - 1, origin,
                                  Base64.getEncoder().encodeToString(checkpoint.rootHash()), note,
                                  checkpoint.signedAt());
    }

    /** No checkpoint has been signed yet: nothing can be exported at one (it comes within seconds of the first event). */
    static class NoCheckpointYet extends RuntimeException {
        NoCheckpointYet() {
            super("The log has no signed checkpoint yet; exports are made at one. Try again in a few seconds.");
        }
    }

    /** Another earlier checkpoint's export is being made, or too many requests wait for this one: try again soon. */
    static class Busy extends RuntimeException {
        Busy() {
            super("The export at an earlier checkpoint is being made from the log for another request, and only one "
                  + "is made at a time. Try again in " + RETRY_AFTER.toSeconds() + " seconds; the export at the "
                  + "latest checkpoint (without at) is available now.");
        }
    }
}
