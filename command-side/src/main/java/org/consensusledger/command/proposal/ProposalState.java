package org.consensusledger.command.proposal;

import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A proposal as the ledger decides on it at this moment (GET /api/proposals/{id}, with the aggregate version as
 * ETag): what a co-chair needs on screen while chairing. {@code blocking} counts the objections without a
 * disposition, exactly those that make a declaration of rough consensus fail; {@code dissent} is what such a
 * declaration would record now.
 *
 * @param textVersion the text's version (1 for the submitted text, one more per revision), not the aggregate's
 * @param positions   each organisation's latest position, SUPPORT or STAND_ASIDE
 * @param positionVersions the text version each of these positions was given on (a screen marks those given on an
 *                    earlier version than the current one)
 */
record ProposalState(String proposalId, String bodyId, String title, String proposedBy, int textVersion, String text,
                     ProposalStatus status, ProposalOutcome outcome, Instant callDeadline,
                     Map<String, Tallies.Position> positions, Map<String, Integer> positionVersions,
                     List<Concern> concerns, List<Objection> objections,
                     long blocking, List<Dissent> dissent, List<GroupTally> tallies) {
}
