package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.Disposition;

import java.time.Instant;

/**
 * A co-chair recorded the objection's disposition: accommodated by a later version, or not, with reasons.
 */
@Revision("1")
public record ObjectionAddressed(String proposalId,
                                 String bodyId,
                                 String objectionId,
                                 Disposition disposition,
                                 Integer accommodatingVersion,
                                 String reasons,
                                 String addressedBy,
                                 String meetingId,
                                 Instant occurredAt) implements ProposalEvent {
}
