package org.consensusledger.query.organisation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.projection.Recording;
import org.consensusledger.query.projection.Rebuilds;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
@ProcessingGroup("organisations")
class OrganisationProjection {

    private final Organisations organisations;

    private final Rebuilds rebuilds;

    OrganisationProjection(Organisations organisations, Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.organisations = organisations;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        organisations.model().clear();
        rebuilds.cleared();
    }

    @EventHandler
    void on(OrganisationRegistered event, TrackingToken token) {
        organisations.model().create(token, new OrganisationDocument(event.organisationId(), event.name(),
                                                                     event.stakeholderGroup(), event.country(), -1,
                                                                     List.of()));
    }

    /** A correction of an organisation's record, kept with it to be shown wherever it is. */
    @EventHandler
    void on(RecordCorrected event, TrackingToken token, EventMessage<?> message) {
        organisations.model().update(token, event.correctedAggregateId(), organisation -> organisation.corrected(
                DossierFold.correction(event, null, message.getTimestamp(), token.position().orElseThrow(),
                                       Recording.recordedAs(message), Recording.actingFor(message))));
    }
}
