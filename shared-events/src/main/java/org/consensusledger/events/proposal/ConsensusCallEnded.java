package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A consensus call was ended before its deadline, with reasons, by a co-chair of the body ({@code endedBy}) or by the
 * secretariat ({@code endedBy} null): from then on an outcome can be declared. No single co-chair can hold a decision
 * back with a call another co-chair, or the secretariat, can end.
 */
@Revision("1")
public record ConsensusCallEnded(String proposalId,
                                 String bodyId,
                                 String endedBy,
                                 String reasons,
                                 String meetingId,
                                 Instant occurredAt) implements ProposalEvent {
}
