package org.consensusledger.query.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.KeyAnnouncement;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleTree;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.consensusledger.eventlog.SignedCheckpoints.NOTE;
import static org.consensusledger.eventlog.SignedCheckpoints.ROOT_HASH;
import static org.consensusledger.eventlog.SignedCheckpoints.FIRST_SIGNED_AT;
import static org.consensusledger.eventlog.SignedCheckpoints.SIGNED_AT;
import static org.consensusledger.eventlog.SignedCheckpoints.SIZE;

/**
 * Rotates the checkpoint signing key (docs/audit.md, Key rotation). When a next key has been prepared
 * ({@code rotate-key}: {@code <key-file>.next}), the query side, as it starts and before it signs anything else,
 * signs a checkpoint of its tree that announces the new key ({@code key <vkey>}, the last extension line) with the
 * current key and the new one, stores it (the {@code log_checkpoints} document of that size, with the announcement
 * kept in {@code announcement}, {@code announces} and {@code retires}), and only then makes the new key the current
 * one, keeping the old one retired beside it ({@link CheckpointKey#completeRotation}). A start after a crash between
 * the two finds the announcement stored and completes the files. Called by {@link Checkpoints#start()} before its
 * check that its key signed the latest checkpoint, which then holds for the new key (the announcement carries both
 * signatures); a command-line replay starts neither.
 */
@Component
public class KeyRotation {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeyRotation.class);
    /** The announcement as signed, kept apart from {@code note}, which a later re-signing of that size replaces. */
    static final String ANNOUNCEMENT = "announcement";
    /** The verifier key the announcement introduced. */
    static final String ANNOUNCES = "announces";
    /** The verifier key it retired (the one that signed the announcement with the new one). */
    static final String RETIRES = "retires";

    /** One of the log's keys: the checkpoint that announced it (none for the first), and whether it signs now. */
    public record LogKey(String vkey, String fingerprint, boolean current, Long announcedAtSize, String announcement,
                  Instant announcedAt) {
    }

    private final MongoCollection<Document> checkpoints;
    private final MerkleLog tree;
    private final CheckpointKey key;
    private final AuditProperties properties;
    private final Clock clock = Clock.systemUTC();
    /**
     * The keys as last read: finding the announcements reads every checkpoint, and the list changes only when a query
     * side starts, so it is read at most once a minute.
     */
    private volatile Listed listed;
    private static final Duration LIST_KEPT = Duration.ofMinutes(1);
    /** The latest announcement {@link #retirement()} found (null: none yet), and the size its next look starts at. */
    private Document knownAnnouncement;
    private long announcementsReadFrom;

    private record Listed(Instant at, List<LogKey> keys) {
    }

    KeyRotation(LedgerDatabase database, MerkleLog tree, CheckpointKey key, AuditProperties properties) {
        this.checkpoints = database.journaled(LedgerCollection.LOG_CHECKPOINTS);
        this.tree = tree;
        this.key = key;
        this.properties = properties;
    }

    /**
     * The log's keys, the first first: each after the first with the checkpoint that announced it, signed by the key
     * before it and by itself, so that a reader who trusts the first can follow the chain to the current one.
     */
    public List<LogKey> keys() {
        Listed listed = this.listed;
        Instant now = clock.instant();
        if (listed == null || listed.at().plus(LIST_KEPT).isBefore(now)) {
            listed = new Listed(now, readKeys());
            this.listed = listed;
        }
        return listed.keys();
    }

    private List<LogKey> readKeys() {
        List<LogKey> keys = new ArrayList<>();
        String current = key.vkey();
        checkpoints.find(Filters.exists(ANNOUNCES)).sort(Sorts.ascending(SIZE)).forEach(document -> {
            if (keys.isEmpty() && document.getString(RETIRES) != null) {
                keys.add(logKey(document.getString(RETIRES), current, null, null, null));
            }
            // When it was announced: the first signing of that size (a later re-signing moves signedAt on).
            String at = document.getString(FIRST_SIGNED_AT) != null ? document.getString(FIRST_SIGNED_AT)
                    : document.getString(SIGNED_AT);
            keys.add(logKey(document.getString(ANNOUNCES), current, ((Number) document.get(SIZE)).longValue(),
                            document.getString(ANNOUNCEMENT), at == null ? null : StoredTimestamps.parse(at)));
        });
        if (keys.isEmpty()) {
            keys.add(logKey(current, current, null, null, null));
        }
        return keys;
    }

    private static LogKey logKey(String vkey, String current, Long size, String announcement, Instant at) {
        return new LogKey(vkey, KeyText.fingerprint(vkey), vkey.equals(current), size, announcement, at);
    }

    /** Rotates the key if a next one is prepared; see the class comment. */
    synchronized void rotateIfPrepared() {
        Optional<NoteSigner> prepared = key.pending();
        Document handedOn = latestAnnouncement();
        if (prepared.isPresent() && handedOn != null
                && prepared.get().verifierKey().format().equals(handedOn.getString(ANNOUNCES))) {
            LOGGER.warn("The announcement of checkpoint key {} is stored (size {}); completing its rotation",
                        prepared.get().verifierKey().format(), handedOn.get(SIZE));
            key.completeRotation(prepared.get());
            return;
        }
        // Before anything else: a key the log has retired neither signs nor announces (its signature on the latest
        // checkpoint, when that is the announcement that retired it, proves nothing about being current).
        refuseIfRetired(handedOn);
        if (prepared.isEmpty()) {
            return;
        }
        NoteSigner next = prepared.get();
        NoteSigner current = key.signer();
        Document latest = checkpoints.find().sort(Sorts.descending(SIZE)).limit(1).first();
        if (latest != null) {
            try {
                new NoteVerifier(current.verifierKey()).verify(latest.getString(NOTE));
            } catch (VerificationException e) {
                throw new IllegalStateException("The checkpoint key in " + key.file() + " (" + key.vkey()
                        + ") did not sign this log's latest checkpoint (size " + latest.get(SIZE) + "), so it cannot "
                        + "announce the key prepared in " + key.nextFile() + ". Point ledger.audit.key-file at the "
                        + "ledger's key", e);
            }
        }
        MerkleTree now = tree.tree();
        long size = Math.max(now.size(), latest == null ? 0 : ((Number) latest.get(SIZE)).longValue());
        byte[] root = size == now.size() ? now.root() : latest.get(ROOT_HASH, Binary.class).getData();
        if (latest != null && ((Number) latest.get(SIZE)).longValue() == size && latest.containsKey(ANNOUNCES)) {
            // The log has not grown since the last rotation: an announcement is never replaced (the chain would lose
            // its link), and a new one needs a new size.
            LOGGER.warn("Not announcing the checkpoint key prepared in {} yet: the log's latest checkpoint (size {}) "
                                + "announces {}, and an announcement is never replaced. The current key signs on; "
                                + "restart the query side once the log has grown past size {} to announce the prepared"
                                + " key", key.nextFile(), size, latest.getString(ANNOUNCES), size);
            return;
        }
        // Extension lines of every checkpoint come first; the key line is the last.
        Instant signedAt = clock.instant();
        Checkpoint checkpoint = CheckpointTime.stamped(
                new Checkpoint(properties.effectiveOrigin(), size, root, List.of()), signedAt);
        String note = KeyAnnouncement.sign(checkpoint, current, next);
        if (!store(size, root, note, signedAt, current, next)) {
            return;
        }
        key.completeRotation(next);
        listed = null;
        LOGGER.warn("Rotated the checkpoint signing key: the checkpoint of size {} announces {} (SHA-256 fingerprint "
                            + "{}), signed by the key it replaces, {}, and by itself; from now on the new key signs "
                            + "alone. Publish the new key's fingerprint where the old one was published",
                    size, next.verifierKey().format(), KeyText.fingerprint(next.verifierKey().format()),
                    current.verifierKey().format());
    }

    /**
     * Refuses to sign on with a key the log has retired: the latest announcement named another key (the key file
     * was put back, or a rotation's new key lost), and verifiers following the chain would refuse what it signs.
     */
    private void refuseIfRetired(Document announcement) {
        String current = key.vkey();
        if (announcement != null && !announcement.getString(ANNOUNCES).equals(current)) {
            throw new IllegalStateException("The checkpoint key in " + key.file() + " (" + current + ") is not the "
                    + "log's current key: the checkpoint of size " + announcement.get(SIZE) + " handed the log on to "
                    + announcement.getString(ANNOUNCES) + ". Point ledger.audit.key-file at that key");
        }
    }

    /**
     * Why this instance must sign no more: the log's latest announcement hands the log on to another key than this
     * instance's, as when another instance rotated the key while this one ran. Empty while its key is current. Each
     * look reads only the checkpoints from the latest size of the look before (an announcement is stored at the
     * latest size or above), so it is cheap enough to be asked before every signature.
     */
    synchronized Optional<String> retirement() {
        String current = key.vkey();
        Document latest = checkpoints.find().sort(Sorts.descending(SIZE)).limit(1)
                                     .projection(Projections.include(SIZE)).first();
        Document found = checkpoints.find(Filters.and(Filters.gte(SIZE, announcementsReadFrom),
                                                      Filters.exists(ANNOUNCES)))
                                    .sort(Sorts.descending(SIZE)).limit(1)
                                    .projection(Projections.include(SIZE, ANNOUNCES)).first();
        if (found != null) {
            knownAnnouncement = found;
        }
        if (latest != null) {
            announcementsReadFrom = ((Number) latest.get(SIZE)).longValue();
        }
        Document announcement = knownAnnouncement;
        if (announcement == null || announcement.getString(ANNOUNCES).equals(current)) {
            return Optional.empty();
        }
        return Optional.of("The checkpoint key of this query-side instance (" + current + ", in " + key.file()
                + ") has been retired: the checkpoint of size " + announcement.get(SIZE) + " handed the log on to "
                + announcement.getString(ANNOUNCES) + " (another instance rotated the key). This instance signs no "
                + "more checkpoints; restart it with the log's current key (ledger.audit.key-file)");
    }

    private Document latestAnnouncement() {
        return checkpoints.find(Filters.exists(ANNOUNCES)).sort(Sorts.descending(SIZE)).limit(1).first();
    }

    /** Stores the announcement; false (said in the log) when the document of that size already announces a key. */
    private boolean store(long size, byte[] root, String note, Instant signedAt, NoteSigner current, NoteSigner next) {
        String at = StoredTimestamps.format(signedAt);
        Document announced = new Document(SIZE, size).append(ROOT_HASH, new Binary(root)).append(NOTE, note)
                                                     .append(SIGNED_AT, at)
                                                     .append(ANNOUNCEMENT, note)
                                                     .append(ANNOUNCES, next.verifierKey().format())
                                                     .append(RETIRES, current.verifierKey().format());
        try {
            checkpoints.insertOne(announced);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // A checkpoint of this size is signed already (the tree has not grown): the announcement takes its place,
        // of the same root; the note it replaces was signed by the old key, as valid as before. Never one that already
        // carries an announcement (another instance's, stored meanwhile): the chain would lose its link.
        long replaced = checkpoints.updateOne(
                Filters.and(Filters.eq(SIZE, size), Filters.exists(ANNOUNCES, false)), Updates.combine(
                        Updates.set(NOTE, note), Updates.set(SIGNED_AT, at), Updates.set(ANNOUNCEMENT, note),
                        Updates.set(ANNOUNCES, next.verifierKey().format()),
                        Updates.set(RETIRES, current.verifierKey().format()), CosignedNotes.forgetPrevious()))
                                   .getMatchedCount();
        if (replaced == 1) {
            return true;
        }
        Document stored = checkpoints.find(Filters.eq(SIZE, size)).first();
        if (stored != null && next.verifierKey().format().equals(stored.getString(ANNOUNCES))) {
            return true; // another instance announced the same prepared key first
        }
        LOGGER.warn("Not announcing the checkpoint key prepared in {} yet: the checkpoint of size {} already announces "
                            + "{}, and an announcement is never replaced. The current key signs on; restart the query "
                            + "side once the log has grown to announce the prepared key", key.nextFile(), size,
                    stored == null ? "another key" : stored.getString(ANNOUNCES));
        return false;
    }
}
