package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A member put a text before the body; it is version 1.
 */
@Revision("1")
public record ProposalSubmitted(String proposalId,
                                String bodyId,
                                String proposedBy,
                                String title,
                                String text,
                                String textSha256,
                                String meetingId,
                                Instant occurredAt) implements ProposalEvent {
}
