package org.consensusledger.command.shared;

import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.SignedCheckpoints;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The latest checkpoint as stored in the ledger's database ({@link SignedCheckpoints}). */
@Component
class StoredCurrentCheckpoint implements CurrentCheckpoint {

    private final SignedCheckpoints checkpoints;

    StoredCurrentCheckpoint(LedgerDatabase database) {
        this.checkpoints = new SignedCheckpoints(database.collection(LedgerCollection.LOG_CHECKPOINTS));
    }

    @Override
    public Optional<String> note() {
        return checkpoints.latest().map(SignedCheckpoints.Stored::note);
    }
}
