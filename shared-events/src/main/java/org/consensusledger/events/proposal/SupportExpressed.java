package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;

/**
 * A member supports the proposal; this replaces a stand-aside it recorded earlier.
 */
@Revision("1")
public record SupportExpressed(String proposalId,
                               String bodyId,
                               String organisationId,
                               StakeholderGroup stakeholderGroup,
                               int version,
                               String comment,
                               String meetingId,
                               Instant occurredAt) implements ProposalEvent {
}
