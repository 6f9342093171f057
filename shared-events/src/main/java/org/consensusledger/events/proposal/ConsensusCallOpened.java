package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A co-chair called for consensus on a version; until the deadline passes no outcome can be declared.
 */
@Revision("1")
public record ConsensusCallOpened(String proposalId,
                                  String bodyId,
                                  int version,
                                  Instant deadline,
                                  String openedBy,
                                  String meetingId,
                                  Instant occurredAt) implements ProposalEvent {
}
