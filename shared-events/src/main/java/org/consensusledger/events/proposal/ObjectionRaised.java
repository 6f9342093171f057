package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;

/**
 * A member objected; the objection must be addressed before rough consensus can be declared.
 */
@Revision("1")
public record ObjectionRaised(String proposalId,
                              String bodyId,
                              String objectionId,
                              String organisationId,
                              StakeholderGroup stakeholderGroup,
                              int version,
                              String grounds,
                              String meetingId,
                              Instant occurredAt) implements ProposalEvent {
}
