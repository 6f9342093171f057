package org.consensusledger.query.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.MerkleTree;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.consensusledger.eventlog.SignedCheckpoints.FIRST_SIGNED_AT;
import static org.consensusledger.eventlog.SignedCheckpoints.NOTE;
import static org.consensusledger.eventlog.SignedCheckpoints.ROOT_HASH;
import static org.consensusledger.eventlog.SignedCheckpoints.SIGNED_AT;
import static org.consensusledger.eventlog.SignedCheckpoints.SIZE;

/**
 * The log's signed checkpoints (C2SP {@code tlog-checkpoint} in a {@code signed-note}), every one kept in
 * {@code log_checkpoints} with {@code _id} its tree size. Every {@code ledger.audit.checkpoint-interval}, if the tree
 * has grown since the latest checkpoint (or there is none yet), its root is signed and stored. Two instances signing
 * the same size at once store it once (the second insert is refused and ignored); their key is the same.
 * <p>
 * Every checkpoint carries its signing time as the extension line {@code time <unix seconds>}
 * ({@link CheckpointTime}). When the latest one's signed time is older than {@code ledger.audit.refresh-interval} (or
 * it has none, as those signed before the line existed), its size is signed again with the current time, even if the
 * log has not grown: a reader can then refuse a view older than it accepts. The document of that size gets the new
 * note and {@code signedAt} in one conditional update (on the note it replaces), so instances re-signing at once
 * replace it once; {@code firstSignedAt} keeps when the size was first signed.
 */
@Component
public class Checkpoints implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(Checkpoints.class);
    /** How often the signer looks for a meeting closing that no checkpoint covers yet. */
    private static final long SEAL_LOOK_MILLIS = 200;

    /** A signed checkpoint as kept: its size, root, the signed note, and when it was signed. */
    public record Signed(long size, byte[] rootHash, String note, Instant signedAt) {
    }

    private final MongoCollection<Document> checkpoints;
    private final MerkleLog tree;
    private final CheckpointKey key;
    private final AuditProperties properties;
    private final boolean replayOnly;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;
    /** The size of the latest checkpoint seen or signed here. */
    private volatile long signedSize;
    /** Why this instance stopped signing: its key was retired by another instance's rotation (null while it signs). */
    private volatile String retirement;

    private final KeyRotation rotation;

    Checkpoints(LedgerDatabase database, MerkleLog tree, CheckpointKey key, AuditProperties properties,
                ReplayProperties replay, KeyRotation rotation) {
        this.rotation = rotation;
        this.checkpoints = database.journaled(LedgerCollection.LOG_CHECKPOINTS);
        this.tree = tree;
        this.key = key;
        this.properties = properties;
        this.replayOnly = replay.replayOnly();
        this.clock = Clock.systemUTC();
    }

    public Optional<Signed> latest() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending(SIZE)).limit(1).first())
                       .map(Checkpoints::signed);
    }

    /**
     * The latest checkpoint with its note exactly as the log signed and stored it, without the witnesses'
     * cosignatures (every log signature kept: during a key rotation, the old key's and the new one's): what is sent to
     * the witnesses, and what {@link #addCosignature} takes.
     */
    public Optional<Signed> latestAsSigned() {
        return Optional.ofNullable(checkpoints.find().sort(Sorts.descending(SIZE)).limit(1).first())
                       .map(document -> new Signed(((Number) document.get(SIZE)).longValue(),
                                                   document.get(ROOT_HASH, Binary.class).getData(),
                                                   document.getString(NOTE),
                                                   StoredTimestamps.parse(document.getString(SIGNED_AT))));
    }

    public Optional<Signed> ofSize(long size) {
        return Optional.ofNullable(checkpoints.find(Filters.eq(SIZE, size)).first()).map(Checkpoints::signed);
    }

    /** Checkpoints newest first, {@code size} per page. */
    public List<Signed> history(int page, int size) {
        List<Signed> found = new ArrayList<>();
        checkpoints.find().sort(Sorts.descending(SIZE)).skip(page * size).limit(size)
                   .forEach(document -> found.add(signed(document)));
        return found;
    }

    /**
     * Up to {@code limit} checkpoints of size {@code fromSize} or more, the smallest first (for the self-check, which
     * compares their roots with the stored events).
     */
    public List<Signed> ascending(long fromSize, int limit) {
        List<Signed> found = new ArrayList<>();
        checkpoints.find(Filters.gte(SIZE, fromSize)).sort(Sorts.ascending(SIZE)).limit(limit)
                   .projection(Projections.include(SIZE, ROOT_HASH, NOTE, SIGNED_AT))
                   .forEach(document -> found.add(signed(document)));
        return found;
    }

    public long count() {
        return checkpoints.countDocuments();
    }

    /** Signs and stores a checkpoint of the tree's current size if it has grown; returns the latest checkpoint. */
    public synchronized Optional<Signed> signIfGrown() {
        Optional<Signed> latest = latest();
        latest.ifPresent(found -> signedSize = Math.max(signedSize, found.size()));
        MerkleTree now = tree.tree();
        if (latest.isPresent() && latest.get().size() >= now.size()) {
            return latest;
        }
        if (retired()) {
            return latest;
        }
        byte[] root = now.root();
        Instant signedAt = clock.instant();
        String note = sign(now.size(), root, signedAt);
        Signed signed = new Signed(now.size(), root, note, signedAt);
        try {
            checkpoints.insertOne(new Document(SIZE, signed.size()).append(ROOT_HASH, new Binary(root))
                                          .append(NOTE, note)
                                          .append(SIGNED_AT, StoredTimestamps.format(signed.signedAt())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return ofSize(signed.size()); // another instance signed this size first
        }
        signedSize = Math.max(signedSize, signed.size());
        return Optional.of(signed);
    }

    /**
     * Signs the latest checkpoint's size again when its signed time is older than the refresh interval (or it has no
     * time line), so that it stays current while the log does not grow; returns the latest checkpoint. Left to an
     * instance whose tree has reached that size; never done if the tree's root at that size is not the signed one.
     */
    public synchronized Optional<Signed> refreshIfStale() {
        // The stored note's time: the one served may be the note before it, kept for its cosignatures.
        Optional<Signed> latest = latestAsSigned();
        if (latest.isEmpty()) {
            return latest;
        }
        Signed found = latest.get();
        Instant now = clock.instant();
        Optional<Instant> signedTime = signedTime(found);
        if (signedTime.isPresent() && signedTime.get().plus(properties.refreshInterval()).isAfter(now)) {
            return latest;
        }
        MerkleTree tree = this.tree.tree();
        if (tree.size() < found.size()) {
            return latest; // an instance whose tree is further along signed it; it keeps it current
        }
        byte[] root = tree.root(found.size());
        if (!MessageDigest.isEqual(root, found.rootHash())) {
            LOGGER.error("Not signing the checkpoint of size {} again: the tree's root at that size is not the one "
                                 + "signed (see the self-check)", found.size());
            return latest;
        }
        Document stored = checkpoints.find(Filters.eq(SIZE, found.size())).first();
        if (stored == null) {
            return latest();
        }
        if (retired()) {
            return latest;
        }
        String note = sign(found.size(), root, now);
        String firstSignedAt = stored.getString(FIRST_SIGNED_AT);
        // The note as stored: the one served (found.note()) may carry the witnesses' cosignatures.
        long replaced = checkpoints.updateOne(
                Filters.and(Filters.eq(SIZE, found.size()), Filters.eq(NOTE, stored.getString(NOTE))),
                Updates.combine(resigned(stored, note, now, firstSignedAt != null ? firstSignedAt
                        : StoredTimestamps.format(found.signedAt())))).getModifiedCount();
        if (replaced == 0) {
            return ofSize(found.size()); // another instance signed it again first
        }
        LOGGER.info("Signed the checkpoint of size {} again: its signed time was older than {}", found.size(),
                    properties.refreshInterval());
        return Optional.of(new Signed(found.size(), root, note, now));
    }

    /**
     * The update of a re-signed checkpoint: its new note and time, and the note served until then kept with its
     * cosignatures ({@link CosignedNotes#keepServed}), served until the witnesses have cosigned the new one as much.
     */
    private static List<Bson> resigned(Document stored, String note, Instant now, String firstSignedAt) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(NOTE, note),
                                                     Updates.set(SIGNED_AT, StoredTimestamps.format(now)),
                                                     Updates.set(FIRST_SIGNED_AT, firstSignedAt)));
        updates.addAll(CosignedNotes.keepServed(stored));
        return updates;
    }

    /**
     * Whether this instance's key has been retired by an announcement (another instance rotated the key while this one
     * ran): it then signs nothing more, says so once in the log, and its health is DOWN ({@link SigningKeyHealth}).
     */
    private boolean retired() {
        if (retirement != null) {
            return true;
        }
        Optional<String> why = rotation.retirement();
        if (why.isEmpty()) {
            return false;
        }
        retirement = why.get();
        LOGGER.error(retirement);
        return true;
    }

    /** Why this instance signs no more checkpoints (its key was retired while it ran); empty while it signs. */
    Optional<String> retirement() {
        return Optional.ofNullable(retirement);
    }

    private String sign(long size, byte[] root, Instant time) {
        Checkpoint checkpoint = new Checkpoint(properties.effectiveOrigin(), size, root);
        return key.signer().sign(CheckpointTime.stamped(checkpoint, time).format());
    }

    /** The time in the checkpoint's note; empty if it has none or it cannot be read (it is then signed again). */
    private static Optional<Instant> signedTime(Signed signed) {
        try {
            return CheckpointTime.of(Checkpoint.parse(SignedNote.parse(signed.note()).text()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Keeps a witness's cosignature line with the checkpoint of {@code size} whose note is {@code note} (without
     * cosignatures), replacing an earlier line of the same key (name and key id: a witness rotating its key, keeping
     * its name, has two); false if that checkpoint is gone or re-signed, or the line could not be written.
     */
    public boolean addCosignature(long size, String note, String line) {
        return CosignedNotes.add(checkpoints, size, note, line);
    }

    private static Signed signed(Document document) {
        return new Signed(((Number) document.get(SIZE)).longValue(), document.get(ROOT_HASH, Binary.class).getData(),
                          CosignedNotes.note(document), StoredTimestamps.parse(document.getString(SIGNED_AT)));
    }

    /** Not in a command-line replay ({@code ledger.replay=true}), which must not sign with whatever key it finds. */
    @Override
    public boolean isAutoStartup() {
        return !replayOnly;
    }

    /**
     * Starts signing, after checking that this instance's key is the one that signed the log's checkpoints so far: a
     * query side started with another key (a key file path that differs, a fresh key in another working directory)
     * refuses to start rather than sign the log with a key its auditors do not know. A key prepared for rotation is
     * announced first ({@link KeyRotation}): the announcement, the latest checkpoint then, carries the new key's
     * signature beside the old one's, so the check holds for the rotated key.
     */
    @Override
    public synchronized void start() {
        rotation.rotateIfPrepared();
        Optional<Signed> latest = latest();
        if (latest.isPresent()) {
            try {
                new NoteVerifier(key.vkey()).verify(latest.get().note());
            } catch (VerificationException e) {
                throw new IllegalStateException("The checkpoint key in " + key.file() + " (" + key.vkey()
                        + ") did not sign this log's checkpoints; the latest, of size " + latest.get().size()
                        + ", is:\n" + latest.get().note() + "Point ledger.audit.key-file at the ledger's key.", e);
            }
        } else {
            key.signer();
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "checkpoint-signer");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.checkpointInterval().toMillis();
        started.scheduleWithFixedDelay(() -> {
            try {
                signIfGrown();
                refreshIfStale();
            } catch (RuntimeException | Error e) {
                // An Error too (a heap too small for a moment): a periodic task that throws is never run again.
                LOGGER.error("Signing a checkpoint failed; trying again in {} ms", every, e);
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        // A meeting's closing in the tree is signed at once: its minutes are sealed by the first checkpoint after it.
        started.scheduleWithFixedDelay(() -> {
            try {
                if (tree.sealWanted() > signedSize) {
                    signIfGrown();
                }
            } catch (RuntimeException | Error e) {
                LOGGER.error("Signing a checkpoint for a meeting's minutes failed; trying again", e);
            }
        }, SEAL_LOOK_MILLIS, SEAL_LOOK_MILLIS, TimeUnit.MILLISECONDS);
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
