package org.consensusledger.query.opendata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.projection.StoredEvents;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.stereotype.Component;

import java.util.Base64;
import java.util.Optional;

/**
 * The public record at a signed checkpoint, from which every export is made: the log folded up to the checkpoint's
 * tree size (read from the log itself, not from the read models, which each stand at a position of their own), so
 * that an export holds exactly what the log held at that checkpoint. The latest checkpoint's snapshot is kept and
 * moved on by folding only the events after it; a few snapshots of earlier checkpoints asked for are kept too.
 */
@Component
class Exports {

    private final Checkpoints checkpoints;
    private final StoredEvents log;
    private final Cache<Long, Snapshot> snapshots = Caffeine.newBuilder().maximumSize(4).build();
    /** The fold of the latest checkpoint asked for, moved on as the log grows. */
    private SnapshotFold latest = new SnapshotFold();

    Exports(Checkpoints checkpoints, StoredEvents log) {
        this.checkpoints = checkpoints;
        this.log = log;
    }

    /** The record at the latest signed checkpoint, or at the checkpoint of tree size {@code at} if given. */
    Snapshot at(Long at) {
        Checkpoints.Signed checkpoint = (at == null ? checkpoints.latest() : checkpoints.ofSize(at))
                .orElseThrow(() -> at == null ? new NoCheckpointYet()
                        : new ProblemHandler.NotFound("checkpoint", "of tree size " + at));
        return snapshot(checkpoint);
    }

    /** The latest signed checkpoint, if there is one yet. */
    Optional<Checkpoints.Signed> latestCheckpoint() {
        return checkpoints.latest();
    }

    private synchronized Snapshot snapshot(Checkpoints.Signed checkpoint) {
        Snapshot kept = snapshots.getIfPresent(checkpoint.size());
        if (kept != null) {
            return kept;
        }
        SnapshotFold fold = latest;
        if (fold.size() > checkpoint.size()) {
            fold = new SnapshotFold(); // an earlier checkpoint: folded afresh, the latest fold kept as it is
        } else {
            latest = fold;
        }
        log.forEachBetween(fold.size(), checkpoint.size(), fold::fold);
        fold.reached(checkpoint.size());
        Snapshot made = fold.snapshot(stamp(checkpoint));
        snapshots.put(checkpoint.size(), made);
        return made;
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
}
