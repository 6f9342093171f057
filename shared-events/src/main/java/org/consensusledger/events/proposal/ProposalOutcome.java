package org.consensusledger.events.proposal;

/**
 * What a co-chair declares on a proposal: each is an event of its own ({@link RoughConsensusDeclared},
 * {@link ConsensusNotReached}, {@link ProposalDeferred}) and an outcome of the public dossier. A deferral decides
 * nothing, so it is never the outcome in force of a {@link ProposalLifecycle.Stage}.
 */
public enum ProposalOutcome {
    ROUGH_CONSENSUS, NO_CONSENSUS, DEFERRED
}
