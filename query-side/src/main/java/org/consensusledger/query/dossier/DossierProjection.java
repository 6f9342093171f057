package org.consensusledger.query.dossier;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.Composition;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.projection.Recording;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code public_proposals}: one dossier per proposal, every event of it applied once, in log order, with
 * {@link DossierFold} (shared with time travel and the verifier).
 */
@Component
@ProcessingGroup("dossiers")
class DossierProjection {

    private final Dossiers dossiers;
    private final Compositions compositions;

    DossierProjection(Dossiers dossiers, Compositions compositions) {
        this.dossiers = dossiers;
        this.compositions = compositions;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        dossiers.model().clear();
    }

    @EventHandler
    void on(ProposalEvent event, DomainEventMessage<?> message, TrackingToken token) {
        long position = token.position().orElseThrow();
        Step step = DossierFold.step(event, position, message.getSequenceNumber(), message.getTimestamp(),
                                     Recording.recordedAs(message), Recording.actingFor(message),
                                     message.getIdentifier());
        if (event instanceof ProposalSubmitted) {
            dossiers.model().create(token, DossierFold.evolve(null, event, step, null));
        } else {
            Composition composition = compositions.at(event, position);
            dossiers.model().update(token, event.proposalId(),
                                    dossier -> DossierFold.evolve(dossier, event, step, composition));
        }
    }

    @EventHandler
    void on(RecordCorrected event, TrackingToken token, DomainEventMessage<?> message) {
        dossiers.model().update(token, event.correctedAggregateId(),
                                dossier -> DossierFold.corrected(dossier, event, message.getTimestamp(),
                                                                 token.position().orElseThrow(),
                                                                 Recording.recordedAs(message),
                                                                 Recording.actingFor(message)));
    }
}
