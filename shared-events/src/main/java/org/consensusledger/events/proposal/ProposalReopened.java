package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A deferred proposal was taken up again.
 */
@Revision("1")
public record ProposalReopened(String proposalId,
                               String bodyId,
                               String reason,
                               String reopenedBy,
                               String meetingId,
                               Instant occurredAt) implements ProposalEvent {
}
