package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;

/**
 * A member voiced a concern: recorded, may be answered, does not block.
 */
@Revision("1")
public record ConcernRaised(String proposalId,
                            String bodyId,
                            String concernId,
                            String organisationId,
                            StakeholderGroup stakeholderGroup,
                            int version,
                            String text,
                            String meetingId,
                            Instant occurredAt) implements ProposalEvent {
}
