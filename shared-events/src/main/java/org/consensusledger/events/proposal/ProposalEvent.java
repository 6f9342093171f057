package org.consensusledger.events.proposal;

import java.time.Instant;

/**
 * An event of one proposal's stream: its texts, contributions, objections, outcome and appeals.
 */
public sealed interface ProposalEvent permits
        ProposalSubmitted, ProposalRevised, ConsensusCallOpened, SupportExpressed, StandAsideRecorded, ConcernRaised,
        ObjectionRaised, ObjectionAddressed, ObjectionWithdrawn, RoughConsensusDeclared, ConsensusNotReached,
        ProposalDeferred, ProposalReopened, ProposalWithdrawn, AppealLodged, AppealDecided, ConsensusCallEnded,
        ConcernAnswered, ObjectionReconsidered {

    String proposalId();

    String bodyId();

    /** The meeting the step happened in, if any. */
    String meetingId();

    /** When it happened (the ledger records when it was stored). */
    Instant occurredAt();
}
