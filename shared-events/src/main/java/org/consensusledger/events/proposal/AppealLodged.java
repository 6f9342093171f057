package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A member appealed against the outcome, with grounds (the remedy of the terms of reference).
 */
@Revision("1")
public record AppealLodged(String proposalId,
                           String bodyId,
                           String appealId,
                           String appellant,
                           String grounds,
                           String meetingId,
                           Instant occurredAt) implements ProposalEvent {
}
