package org.consensusledger.events.organisation;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.StakeholderGroup;

/**
 * An organisation became known to the ledger; it belongs to one stakeholder group for good.
 */
@Revision("1")
public record OrganisationRegistered(String organisationId,
                                     String name,
                                     StakeholderGroup stakeholderGroup,
                                     String country) implements OrganisationEvent {
}
