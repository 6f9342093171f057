package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A concern was answered, by the proposer or a co-chair ({@code answeredBy}); the answer is shown beside the concern.
 * A concern may be answered more than once; every answer stays on the record.
 */
@Revision("1")
public record ConcernAnswered(String proposalId,
                              String bodyId,
                              String concernId,
                              String answer,
                              String answeredBy,
                              String meetingId,
                              Instant occurredAt) implements ProposalEvent {
}
