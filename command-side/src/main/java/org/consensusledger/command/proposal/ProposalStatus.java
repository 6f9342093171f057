package org.consensusledger.command.proposal;

/** Where a proposal is in its lifecycle (docs/domain.md, "Lifecycle of a proposal"). */
enum ProposalStatus {
    OPEN, CALL_OPEN, DECIDED, APPEALED, DEFERRED, WITHDRAWN;

    /** Contributions, revisions, objections and their dispositions are taken. */
    boolean isOpen() {
        return this == OPEN || this == CALL_OPEN;
    }
}
