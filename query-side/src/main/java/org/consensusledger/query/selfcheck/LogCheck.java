package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CompactRange;
import org.consensusledger.tlog.MerkleProofs;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The log checked against itself, read in order from position 0 and then followed as it grows: every position
 * holds an event (a missing one, with events after it, was deleted); every event hashes to the leaf the Merkle tree
 * took in for it (one that does not was changed afterwards); the root of the events as stored is the stored tree's
 * root and the root of every signed checkpoint, whose note must verify with this ledger's key. The roots are recomputed from the events alone, in a
 * {@link CompactRange}: nothing the database says about the tree is taken on trust. Each event read is also handed
 * on (to sort it into the part of the log its read-model documents come from).
 */
final class LogCheck {

    private static final int CHECKPOINT_CHUNK = 1_000;
    private static final long CHECKPOINT_LOOK_NANOS = 30_000_000_000L;

    private final LedgerEventStorageEngine log;
    private final MongoCollection<BsonDocument> commits;
    private final MerkleLog tree;
    private final Checkpoints checkpoints;
    private final Supplier<NoteVerifier> key;
    private final int batchSize;

    /** The next position to read. */
    private long next;
    /** The leaf hashes of the events read so far, while no position is missing before them. */
    private final CompactRange range = new CompactRange();
    private boolean rangeBroken;
    /** Leaf hashes of events read before the tree held them, to compare once it does. */
    private final TreeMap<Long, byte[]> leavesToCompare = new TreeMap<>();
    /** Checkpoints of sizes above this have not been compared yet. */
    private long checkpointsCheckedUpTo;
    /** During a pass from position 0: the checkpoints ahead of the range, compared as it reaches their sizes. */
    private final Deque<Checkpoints.Signed> checkpointsAhead = new ArrayDeque<>();
    private long checkpointsLoadedUpTo;
    private long treeSizeAtLastLook = -1;
    private long lastLook;

    LogCheck(LedgerEventStorageEngine log, MongoCollection<BsonDocument> commits, MerkleLog tree,
             Checkpoints checkpoints, Supplier<NoteVerifier> key, int batchSize) {
        this.key = key;
        this.log = log;
        this.commits = commits;
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.batchSize = batchSize;
    }

    /** Positions below this have been read and checked. */
    long checkedUpTo() {
        return next;
    }

    /**
     * Reads every event from the last one read up to the log's head, checks each, and hands it to {@code each};
     * then compares what the tree and the checkpoints say with the events read so far.
     */
    void readOn(List<Problem> problems, Consumer<JsonNode> each) {
        long head = head(problems);
        while (next < head) {
            List<JsonNode> batch = new ArrayList<>(batchSize);
            try (Stream<JsonNode> stored = log.storedEvents(next)) {
                Iterator<JsonNode> events = stored.limit(batchSize).iterator();
                while (events.hasNext()) {
                    batch.add(events.next());
                }
            }
            if (batch.isEmpty()) {
                if (!skipGap(problems)) {
                    break;
                }
                continue;
            }
            check(batch, problems, each);
        }
        compareLeaves(problems);
        compareTree(problems);
        compareNewCheckpoints(problems);
    }

    /**
     * Loads the checkpoints to compare while reading from position 0 (at most every size the log has had; each is
     * compared as the recomputed range reaches its size, with no proof needed).
     */
    void expectCheckpointsFromStart() {
        checkpointsAhead.clear();
        checkpointsLoadedUpTo = 0;
        loadCheckpointsAhead();
    }

    /** The next checkpoints in size order, a chunk at a time: a long log has had many. */
    private void loadCheckpointsAhead() {
        List<Checkpoints.Signed> chunk = checkpoints.ascending(checkpointsLoadedUpTo + 1, CHECKPOINT_CHUNK);
        checkpointsAhead.addAll(chunk);
        if (!chunk.isEmpty()) {
            checkpointsLoadedUpTo = chunk.get(chunk.size() - 1).size();
        }
    }

    private long head(List<Problem> problems) {
        try {
            return log.nextGlobalPosition();
        } catch (IllegalStateException gap) {
            // The writer's head walks the commits forward and stops at a gap: the log has one; read up to the last.
            BsonDocument last = commits.find().sort(Sorts.descending(EventLogSchema.ID))
                                       .projection(Projections.include(EventLogSchema.ID, EventLogSchema.SIZE))
                                       .first();
            return last == null ? 0 : last.getInt64(EventLogSchema.ID).getValue()
                    + last.getInt32(EventLogSchema.SIZE).getValue();
        }
    }

    /** At a position with no event: if the log goes on after it, the events in between are missing. */
    private boolean skipGap(List<Problem> problems) {
        BsonDocument after = commits.find(Filters.gt(EventLogSchema.ID, next)).sort(Sorts.ascending(EventLogSchema.ID))
                                    .projection(Projections.include(EventLogSchema.ID)).first();
        if (after == null) {
            return false;
        }
        long resumes = after.getInt64(EventLogSchema.ID).getValue();
        problems.add(Problem.atPosition(Problem.Kind.EVENT_MISSING, next, resumes - next == 1
                ? "No event is stored at position " + next + ", but the log goes on at " + resumes
                  + ": an event was deleted"
                : "No events are stored at positions " + next + " to " + (resumes - 1) + ", but the log goes on at "
                  + resumes + ": events were deleted"));
        next = resumes;
        rangeBroken = true;
        return true;
    }

    private void check(List<JsonNode> batch, List<Problem> problems, Consumer<JsonNode> each) {
        for (JsonNode event : batch) {
            long position = event.path(EventLogSchema.POSITION).asLong(-1);
            byte[] leaf = Leaves.leafHash(event);
            if (!rangeBroken) {
                range.append(leaf);
                compareCheckpointsReached(problems);
            }
            leavesToCompare.put(position, leaf);
            next = position + 1;
            each.accept(event);
        }
        compareLeaves(problems);
    }

    /** Compares the leaf hashes waiting for the tree with the tree's leaves, for the positions it holds now. */
    private void compareLeaves(List<Problem> problems) {
        if (leavesToCompare.isEmpty()) {
            return;
        }
        long treeSize = tree.size();
        Map<Long, byte[]> held = leavesToCompare.headMap(treeSize);
        if (held.isEmpty()) {
            return;
        }
        List<Long> positions = new ArrayList<>(held.keySet());
        List<byte[]> stored = tree.leafHashes(positions);
        for (int i = 0; i < positions.size(); i++) {
            long position = positions.get(i);
            if (!Arrays.equals(stored.get(i), held.get(position))) {
                problems.add(Problem.atPosition(Problem.Kind.EVENT_CHANGED, position, "The event stored at position "
                        + position + " is not the one the Merkle tree took in (its leaf hash is "
                        + hex(held.get(position)) + ", the tree's " + hex(stored.get(i))
                        + "): it was changed after it was recorded"));
            }
        }
        held.clear();
    }

    private void compareCheckpointsReached(List<Problem> problems) {
        if (checkpointsAhead.isEmpty() && checkpointsLoadedUpTo > 0 && checkpointsLoadedUpTo < range.size()) {
            loadCheckpointsAhead();
        }
        while (!checkpointsAhead.isEmpty() && checkpointsAhead.peekFirst().size() <= range.size()) {
            Checkpoints.Signed checkpoint = checkpointsAhead.removeFirst();
            byte[] signed = signedRoot(checkpoint, problems);
            if (signed != null && checkpoint.size() == range.size() && !Arrays.equals(signed, range.root())) {
                problems.add(checkpointDiffers(checkpoint, "the root of the stored events at that size is "
                        + hex(range.root())));
            }
            checkpointsCheckedUpTo = Math.max(checkpointsCheckedUpTo, checkpoint.size());
        }
    }

    /** The stored tree's root at the size read, against the root recomputed from the events. */
    private void compareTree(List<Problem> problems) {
        if (rangeBroken || range.size() == 0 || tree.size() < range.size()) {
            return;
        }
        byte[] stored = tree.tree().root(range.size());
        if (!Arrays.equals(stored, range.root())) {
            problems.add(Problem.atPosition(Problem.Kind.TREE_DIFFERS, range.size() - 1,
                                            "The stored Merkle tree's root at size " + range.size() + " is "
                                                    + hex(stored) + ", the root of the stored events "
                                                    + hex(range.root())));
        }
    }

    /**
     * Checkpoints signed since the last look, for sizes the range has already passed: each must be consistent with
     * the root of the events read so far (RFC 9162 consistency proof from the stored tree, checked against both).
     */
    private void compareNewCheckpoints(List<Problem> problems) {
        long treeSize = tree.size();
        long now = System.nanoTime();
        // Checkpoints are signed only when the tree has grown; look for new ones then, or now and again.
        if (rangeBroken || treeSize < range.size()
                || treeSize == treeSizeAtLastLook && now - lastLook < CHECKPOINT_LOOK_NANOS) {
            return;
        }
        treeSizeAtLastLook = treeSize;
        lastLook = now;
        long upTo = range.size();
        byte[] root = range.root();
        for (Checkpoints.Signed checkpoint : checkpoints.ascending(checkpointsCheckedUpTo + 1, CHECKPOINT_CHUNK)) {
            if (checkpoint.size() > upTo) {
                break;
            }
            byte[] signed = signedRoot(checkpoint, problems);
            try {
                if (signed == null) {
                    checkpointsCheckedUpTo = Math.max(checkpointsCheckedUpTo, checkpoint.size());
                    continue;
                } else if (checkpoint.size() == upTo) {
                    if (!Arrays.equals(signed, root)) {
                        throw new VerificationException("roots differ");
                    }
                } else {
                    MerkleProofs.verifyConsistency(checkpoint.size(), upTo,
                                                   tree.tree().consistencyProof(checkpoint.size(), upTo),
                                                   signed, root);
                }
            } catch (VerificationException | IllegalArgumentException e) {
                problems.add(checkpointDiffers(checkpoint, "it is not consistent with the root of the stored events "
                        + "at size " + upTo + " (" + e.getMessage() + ")"));
            }
            checkpointsCheckedUpTo = Math.max(checkpointsCheckedUpTo, checkpoint.size());
        }
    }

    /**
     * The root the checkpoint's note signs, once its signature is verified with the query side's key and its size
     * and root agree with the stored fields; null (and a problem) when not.
     */
    private byte[] signedRoot(Checkpoints.Signed checkpoint, List<Problem> problems) {
        try {
            SignedNote note = NoteVerifier.verify(checkpoint.note(), List.of(key.get()));
            Checkpoint signed = Checkpoint.parse(note.text());
            if (signed.size() != checkpoint.size() || !Arrays.equals(signed.rootHash(), checkpoint.rootHash())) {
                problems.add(checkpointDiffers(checkpoint, "its note signs size " + signed.size() + " and root "
                        + hex(signed.rootHash()) + ", not what is stored beside it"));
            }
            return signed.rootHash();
        } catch (VerificationException | IllegalArgumentException e) {
            problems.add(checkpointDiffers(checkpoint, "its signed note does not verify with this ledger's key ("
                    + e.getMessage() + ")"));
            return null;
        }
    }

    private static Problem checkpointDiffers(Checkpoints.Signed checkpoint, String why) {
        return Problem.atPosition(Problem.Kind.CHECKPOINT_DIFFERS, checkpoint.size() - 1,
                                  "The checkpoint signed at size " + checkpoint.size() + " (root "
                                          + hex(checkpoint.rootHash()) + ") does not match the stored events: "
                                          + why);
    }

    private static String hex(byte[] hash) {
        return hash == null ? "none" : HexFormat.of().formatHex(hash, 0, Math.min(hash.length, 8)) + "…";
    }
}
