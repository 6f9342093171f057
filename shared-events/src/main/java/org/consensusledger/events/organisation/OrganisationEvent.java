package org.consensusledger.events.organisation;

/**
 * An event of one organisation's stream.
 */
public sealed interface OrganisationEvent permits OrganisationRegistered {

    String organisationId();
}
