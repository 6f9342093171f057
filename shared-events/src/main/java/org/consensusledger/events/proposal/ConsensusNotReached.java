package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.GroupTally;

import java.time.Instant;
import java.util.List;

/**
 * A co-chair declared that the body did not reach consensus.
 */
@Revision("1")
public record ConsensusNotReached(String proposalId,
                                  String bodyId,
                                  int version,
                                  String rationale,
                                  List<GroupTally> tallies,
                                  String declaredBy,
                                  String meetingId,
                                  Instant occurredAt) implements ProposalEvent {
}
