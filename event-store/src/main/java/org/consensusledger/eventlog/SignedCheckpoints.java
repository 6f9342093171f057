package org.consensusledger.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.Optional;

/**
 * The log's signed checkpoints as the query side stores them ({@link LedgerCollection#LOG_CHECKPOINTS}: its field
 * names are these constants, which the query side writes with), read here for anyone who needs the latest, such as
 * the command side when a meeting closes. See {@code docs/audit.md}.
 */
public final class SignedCheckpoints {

    /** The tree size the checkpoint signs: the document's key. */
    public static final String SIZE = "_id";
    /** The C2SP signed note of the checkpoint. */
    public static final String NOTE = "note";
    /** The tree's root hash (binary). */
    public static final String ROOT_HASH = "rootHash";
    /** When it was signed (not part of what is signed). */
    public static final String SIGNED_AT = "signedAt";
    /** When its size was first signed, kept once the checkpoint has been signed again to show it is current. */
    public static final String FIRST_SIGNED_AT = "firstSignedAt";

    private final MongoCollection<Document> checkpoints;

    /** Reads {@code checkpoints}, the {@link LedgerCollection#LOG_CHECKPOINTS} collection. */
    public SignedCheckpoints(MongoCollection<Document> checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** A checkpoint as stored: the tree size it signs, and its signed note. */
    public record Stored(long size, String note) {
    }

    /** The latest checkpoint (the largest tree size), if any was signed yet. */
    public Optional<Stored> latest() {
        Document latest = checkpoints.find().projection(Projections.include(SIZE, NOTE))
                                     .sort(Sorts.descending(SIZE)).limit(1).first();
        return latest == null || latest.getString(NOTE) == null ? Optional.empty()
                : Optional.of(new Stored(((Number) latest.get(SIZE)).longValue(), latest.getString(NOTE)));
    }
}
