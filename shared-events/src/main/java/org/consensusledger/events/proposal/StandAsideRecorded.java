package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;

/**
 * A member will not stand in the way but does not support, for the reason given; replaces earlier support.
 */
@Revision("1")
public record StandAsideRecorded(String proposalId,
                                 String bodyId,
                                 String organisationId,
                                 StakeholderGroup stakeholderGroup,
                                 int version,
                                 String reason,
                                 String meetingId,
                                 Instant occurredAt) implements ProposalEvent {
}
