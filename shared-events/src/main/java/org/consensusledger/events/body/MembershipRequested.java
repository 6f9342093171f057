package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

/**
 * An organisation asked to join, or a member proposed it, on a path that needs a co-chair to admit it.
 */
@Revision("1")
public record MembershipRequested(String bodyId,
                                  String organisationId,
                                  StakeholderGroup stakeholderGroup,
                                  String requestedBy) implements BodyEvent {
}
