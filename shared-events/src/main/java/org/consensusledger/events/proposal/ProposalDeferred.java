package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A co-chair put the proposal aside for now; it can be reopened.
 */
@Revision("1")
public record ProposalDeferred(String proposalId,
                               String bodyId,
                               int version,
                               String rationale,
                               String declaredBy,
                               String meetingId,
                               Instant occurredAt) implements ProposalEvent {
}
