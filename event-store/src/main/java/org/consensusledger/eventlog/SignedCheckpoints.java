package org.consensusledger.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.Optional;

/**
 * The log's signed checkpoints as the query side stores them ({@code log_checkpoints}: {@code _id} the tree size,
 * {@code note} the C2SP signed note, {@code rootHash}, {@code signedAt}), read here for anyone who needs the latest,
 * such as the command side when a meeting closes. See {@code docs/audit.md}.
 */
public final class SignedCheckpoints {

    public static final String COLLECTION = "log_checkpoints";

    private final MongoCollection<Document> checkpoints;

    public SignedCheckpoints(MongoDatabase database) {
        this.checkpoints = database.getCollection(COLLECTION);
    }

    /** A checkpoint as stored: the tree size it signs, and its signed note. */
    public record Stored(long size, String note) {
    }

    /** The latest checkpoint (the largest tree size), if any was signed yet. */
    public Optional<Stored> latest() {
        Document latest = checkpoints.find().projection(Projections.include("_id", "note"))
                                     .sort(Sorts.descending("_id")).limit(1).first();
        return latest == null || latest.getString("note") == null ? Optional.empty()
                : Optional.of(new Stored(((Number) latest.get("_id")).longValue(), latest.getString("note")));
    }

    /** The signed note of the latest checkpoint (the largest tree size), if any was signed yet. */
    public Optional<String> latestNote() {
        Document latest = checkpoints.find().projection(Projections.include("note")).sort(Sorts.descending("_id"))
                                     .limit(1).first();
        return latest == null ? Optional.empty() : Optional.ofNullable(latest.getString("note"));
    }
}
