package org.consensusledger.query.dossier;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.Composition;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.projection.Recording;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code public_proposals}: one dossier per proposal, every event of it applied once, in log order, with
 * {@link DossierFold} (shared with time travel and the verifier); and beside it {@code public_latest_decisions}
 * ({@link LatestDecisions}), changed with the dossier by the same event.
 */
@Component
@ProcessingGroup("dossiers")
class DossierProjection {

    private final Dossiers dossiers;
    private final LatestDecisions latest;
    private final Compositions compositions;
    private final Rebuilds rebuilds;

    DossierProjection(Dossiers dossiers, LatestDecisions latest, Compositions compositions, Rebuilds rebuilds) {
        this.dossiers = dossiers;
        this.latest = latest;
        this.compositions = compositions;
        this.rebuilds = rebuilds;
    }

    /** A replay rebuilds the read models from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        dossiers.model().clear();
        latest.model().clear();
        rebuilds.cleared();
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
            dossiers.model().update(token, event.proposalId(), dossier -> {
                DossierDocument changed = DossierFold.evolve(dossier, event, step, composition);
                if (changed != dossier) {
                    latest.changed(token, dossier, changed);
                }
                return changed;
            });
        }
    }

    @EventHandler
    void on(RecordCorrected event, TrackingToken token, DomainEventMessage<?> message) {
        dossiers.model().update(token, event.correctedAggregateId(), dossier -> {
            DossierDocument changed = DossierFold.corrected(dossier, event, message.getTimestamp(),
                                                            token.position().orElseThrow(),
                                                            Recording.recordedAs(message),
                                                            Recording.actingFor(message));
            if (changed != dossier) {
                latest.changed(token, dossier, changed);
            }
            return changed;
        });
    }
}
