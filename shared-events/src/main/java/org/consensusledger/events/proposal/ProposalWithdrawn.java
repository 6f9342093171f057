package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The proposer withdrew its proposal before an outcome.
 */
@Revision("1")
public record ProposalWithdrawn(String proposalId,
                                String bodyId,
                                String withdrawnBy,
                                String reason,
                                String meetingId,
                                Instant occurredAt) implements ProposalEvent {
}
