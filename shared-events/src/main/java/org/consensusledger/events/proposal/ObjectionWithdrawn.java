package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The objector withdrew its objection.
 */
@Revision("1")
public record ObjectionWithdrawn(String proposalId,
                                 String bodyId,
                                 String objectionId,
                                 String organisationId,
                                 String reason,
                                 String meetingId,
                                 Instant occurredAt) implements ProposalEvent {
}
