package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A new version of the text replaced the previous one; earlier versions stay on record.
 */
@Revision("1")
public record ProposalRevised(String proposalId,
                              String bodyId,
                              int version,
                              String text,
                              String textSha256,
                              String summary,
                              String revisedBy,
                              String meetingId,
                              Instant occurredAt) implements ProposalEvent {
}
