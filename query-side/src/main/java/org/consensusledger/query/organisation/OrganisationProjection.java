package org.consensusledger.query.organisation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup("organisations")
class OrganisationProjection {

    private final Organisations organisations;

    OrganisationProjection(Organisations organisations) {
        this.organisations = organisations;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        organisations.model().clear();
    }

    @EventHandler
    void on(OrganisationRegistered event, TrackingToken token) {
        organisations.model().create(token, new OrganisationDocument(event.organisationId(), event.name(),
                                                                     event.stakeholderGroup(), event.country(), -1));
    }
}
