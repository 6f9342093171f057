package org.consensusledger.events.proposal;

/**
 * Where a proposal is in its lifecycle (docs/domain.md, "Lifecycle of a proposal"), as {@link ProposalLifecycle}
 * folds it from the proposal's events: the same words in the aggregate, the read models, the public API and the
 * auditor's verifier.
 */
public enum ProposalStatus {
    OPEN, CALL_OPEN, DECIDED, APPEALED, DEFERRED, WITHDRAWN;

    /** Contributions, revisions, objections and their dispositions are taken. */
    public boolean isOpen() {
        return this == OPEN || this == CALL_OPEN;
    }
}
