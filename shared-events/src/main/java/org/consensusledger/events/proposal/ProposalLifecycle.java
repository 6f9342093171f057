package org.consensusledger.events.proposal;

import org.consensusledger.events.AppealDecision;

import java.util.Objects;

/**
 * The lifecycle of a proposal (docs/domain.md, "Lifecycle of a proposal"), written once: the status and the outcome
 * in force that each event leaves a proposal in. The aggregate decides on it, the read models and the console show
 * it, and the auditor's verifier recomputes it through the dossier fold, all with this one function, so that they
 * cannot tell the same history differently.
 * <p>
 * Java 17 has no exhaustive switch over a sealed interface's records, so {@link Stage#after} names every type of
 * {@link ProposalEvent}, those that leave the stage as it is too, and refuses any other: a new event type fails the
 * tests that fold a sample of every type until someone decides what it does to a proposal.
 */
public final class ProposalLifecycle {

    private ProposalLifecycle() {
    }

    /**
     * Where a proposal stands: its status, and the outcome in force — set by a declaration of rough consensus or of no
     * consensus, set aside by an upheld appeal, and untouched by anything else (a deferral decides nothing, so it is
     * never {@link ProposalOutcome#DEFERRED}).
     */
    public record Stage(ProposalStatus status, ProposalOutcome outcome) {

        public Stage {
            Objects.requireNonNull(status, "status");
        }

        /** The stage after one more event of the proposal. */
        public Stage after(ProposalEvent event) {
            if (event instanceof ProposalSubmitted) {
                return submitted();
            } else if (event instanceof ConsensusCallOpened) {
                return new Stage(ProposalStatus.CALL_OPEN, outcome);
            } else if (event instanceof ConsensusCallEnded) {
                // Ended early, the call gives way to a declaration; a proposal not under a call stays where it is.
                return status == ProposalStatus.CALL_OPEN ? new Stage(ProposalStatus.OPEN, outcome) : this;
            } else if (event instanceof RoughConsensusDeclared) {
                return new Stage(ProposalStatus.DECIDED, ProposalOutcome.ROUGH_CONSENSUS);
            } else if (event instanceof ConsensusNotReached) {
                return new Stage(ProposalStatus.DECIDED, ProposalOutcome.NO_CONSENSUS);
            } else if (event instanceof ProposalDeferred) {
                return new Stage(ProposalStatus.DEFERRED, outcome);
            } else if (event instanceof ProposalReopened) {
                return new Stage(ProposalStatus.OPEN, outcome);
            } else if (event instanceof ProposalWithdrawn) {
                return new Stage(ProposalStatus.WITHDRAWN, outcome);
            } else if (event instanceof AppealLodged) {
                return new Stage(ProposalStatus.APPEALED, outcome);
            } else if (event instanceof AppealDecided decided) {
                // Upheld, the outcome is set aside and the proposal is open again; dismissed, the outcome stands.
                return decided.decision() == AppealDecision.UPHELD ? new Stage(ProposalStatus.OPEN, null)
                        : new Stage(ProposalStatus.DECIDED, outcome);
            } else if (event instanceof ProposalRevised || event instanceof SupportExpressed
                    || event instanceof StandAsideRecorded || event instanceof ConcernRaised
                    || event instanceof ConcernAnswered || event instanceof ObjectionRaised
                    || event instanceof ObjectionAddressed || event instanceof ObjectionReconsidered
                    || event instanceof ObjectionWithdrawn) {
                return this;
            }
            throw new IllegalArgumentException("The lifecycle of a proposal has no rule for "
                    + event.getClass().getName() + ": decide in ProposalLifecycle what it does to a proposal");
        }
    }

    /** A proposal just submitted: open, nothing decided. */
    public static Stage submitted() {
        return new Stage(ProposalStatus.OPEN, null);
    }

    /**
     * The status alone after one more event, for a reader that keeps no outcome (the dossier keeps its outcomes as a
     * list, the console none): what an event does to the status never depends on the outcome in force.
     */
    public static ProposalStatus statusAfter(ProposalStatus status, ProposalEvent event) {
        return new Stage(status, null).after(event).status();
    }
}
