package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;

import java.time.Instant;
import java.util.List;

/**
 * A co-chair declared rough consensus on a version: every objection was addressed, though not necessarily accommodated.
 */
@Revision("1")
public record RoughConsensusDeclared(String proposalId,
                                     String bodyId,
                                     int version,
                                     String textSha256,
                                     String rationale,
                                     List<Dissent> dissent,
                                     List<GroupTally> tallies,
                                     String declaredBy,
                                     String meetingId,
                                     Instant occurredAt) implements ProposalEvent {
}
