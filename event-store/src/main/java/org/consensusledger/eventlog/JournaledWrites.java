package org.consensusledger.eventlog;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;

/**
 * The write concern of everything the ledger must not lose once it said "stored": the event log's appends and
 * snapshots, accounts, idempotency keys and signed checkpoints. The connection's own write concern ({@code w} from
 * the connection string, e.g. {@code majority}) is kept and journaling is added ({@code j: true}), so MongoDB
 * acknowledges only once the write is in its journal, and the embedded server only once it is in its file; and
 * the processors' tokens, which make every write before them durable with them (a journal holds a prefix of the
 * writes). Read-model documents, written before their token, keep the connection's default.
 */
public final class JournaledWrites {

    private JournaledWrites() {
    }

    /** {@code database} with journaled writes; fails if its connection asks for unacknowledged writes. */
    public static MongoDatabase of(MongoDatabase database) {
        WriteConcern current = database.getWriteConcern();
        if (!current.isAcknowledged()) {
            throw new IllegalStateException(
                    "The MongoDB connection asks for unacknowledged writes (w=0); the ledger needs acknowledged, "
                            + "journaled writes for its event log. Remove w=0 from the connection string.");
        }
        return database.withWriteConcern(current.withJournal(Boolean.TRUE));
    }
}
