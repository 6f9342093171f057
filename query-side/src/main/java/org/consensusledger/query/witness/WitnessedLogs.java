package org.consensusledger.query.witness;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.types.Binary;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What this ledger, as a witness, holds of each log it witnesses ({@code witnessed_logs}, one document per origin):
 * the latest checkpoint it cosigned (size, root, the note, its cosignature) and a version, raised at each change, so
 * that a checkpoint is cosigned only if the state it was checked against is still the stored one (two submissions
 * at once: one wins, the other is answered 409); and the inconsistent checkpoints it refused (a count and the latest),
 * the evidence of a log that showed another history.
 */
@Component
class WitnessedLogs {

    static final String SIZE = "size";
    static final String ROOT_HASH = "rootHash";
    static final String CHECKPOINT = "checkpoint";
    static final String COSIGNATURE = "cosignature";
    static final String COSIGNED_AT = "cosignedAt";
    static final String VERSION = "version";
    static final String INCONSISTENCIES = "inconsistencies";
    static final String LAST_INCONSISTENCY = "lastInconsistency";

    private final MongoCollection<Document> logs;

    WitnessedLogs(LedgerDatabase database) {
        this.logs = database.journaled(LedgerCollection.WITNESSED_LOGS);
    }

    /** The latest cosigned checkpoint of a log, and the version of that state. */
    record State(long size, byte[] rootHash, String checkpoint, long version) {
    }

    /** A refused inconsistent checkpoint: when, why, the checkpoint presented and the one cosigned before. */
    record Inconsistency(Instant at, String reason, String presented, String cosigned) {
    }

    /** A witnessed log, for the health: its origin, cosigned size, refusals of inconsistent checkpoints. */
    record Summary(String origin, long size, Instant cosignedAt, long inconsistencies, Inconsistency last) {
    }

    Optional<State> state(String origin) {
        Document document = logs.find(Filters.eq("_id", origin)).first();
        if (document == null || document.get(SIZE) == null) {
            return Optional.empty();
        }
        return Optional.of(new State(document.get(SIZE, Number.class).longValue(),
                                     document.get(ROOT_HASH, Binary.class).getData(), document.getString(CHECKPOINT),
                                     document.get(VERSION, Number.class).longValue()));
    }

    /**
     * The latest checkpoint cosigned for a log, with only the log's signatures the witness verified, and this witness's
     * cosignature line after them.
     */
    Optional<String> cosigned(String origin) {
        Document document = logs.find(Filters.eq("_id", origin)).first();
        if (document == null || document.getString(CHECKPOINT) == null) {
            return Optional.empty();
        }
        return Optional.of(document.getString(CHECKPOINT) + document.getString(COSIGNATURE) + "\n");
    }

    /**
     * Records a newly cosigned checkpoint, only if the log's state is still {@code before} (empty: none yet); false
     * if another submission changed it first.
     */
    boolean advance(String origin, Optional<State> before, long size, byte[] rootHash, String checkpoint,
                    String cosignature, Instant at) {
        long version = before.map(State::version).orElse(0L) + 1;
        Document fields = new Document(SIZE, size).append(ROOT_HASH, new Binary(rootHash))
                                                  .append(CHECKPOINT, checkpoint).append(COSIGNATURE, cosignature)
                                                  .append(COSIGNED_AT, StoredTimestamps.format(at))
                                                  .append(VERSION, version);
        if (before.isPresent()) {
            return logs.updateOne(Filters.and(Filters.eq("_id", origin), Filters.eq(VERSION, before.get().version())),
                                  new Document("$set", fields)).getModifiedCount() == 1;
        }
        try {
            // A log's first checkpoint; a document holding only refusals has no version yet.
            UpdateResult result = logs.updateOne(Filters.and(Filters.eq("_id", origin), Filters.exists(VERSION, false)),
                                                 new Document("$set", fields), new UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Keeps the evidence of a split view (a checkpoint the log signed, of the size cosigned, with another root);
     * {@code presented} is that checkpoint with only the log's verified signatures, so the same checkpoint sent again
     * with other lines appended is recognised; false if it is the one recorded last (not counted again).
     */
    boolean recordInconsistency(String origin, String reason, String presented, String cosigned, Instant at) {
        try {
            UpdateResult result = logs.updateOne(
                    Filters.and(Filters.eq("_id", origin), Filters.ne(LAST_INCONSISTENCY + ".presented", presented)),
                    Updates.combine(Updates.inc(INCONSISTENCIES, 1L),
                                    Updates.set(LAST_INCONSISTENCY, new Document("at", StoredTimestamps.format(at))
                                            .append("reason", reason).append("presented", presented)
                                            .append("cosigned", cosigned))),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // recorded already: the filter excluded the document, the upsert found its id taken
            }
            throw e;
        }
    }

    List<Summary> summaries() {
        List<Summary> found = new ArrayList<>();
        for (Document document : logs.find()) {
            Document last = document.get(LAST_INCONSISTENCY, Document.class);
            Number size = document.get(SIZE, Number.class);
            String at = document.getString(COSIGNED_AT);
            Number inconsistencies = document.get(INCONSISTENCIES, Number.class);
            found.add(new Summary(document.getString("_id"), size == null ? 0 : size.longValue(),
                                  at == null ? null : StoredTimestamps.parse(at),
                                  inconsistencies == null ? 0 : inconsistencies.longValue(),
                                  last == null ? null : new Inconsistency(StoredTimestamps.parse(last.getString("at")),
                                                                          last.getString("reason"),
                                                                          last.getString("presented"),
                                                                          last.getString("cosigned"))));
        }
        return found;
    }
}
