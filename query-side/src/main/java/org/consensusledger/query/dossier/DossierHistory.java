package org.consensusledger.query.dossier;

import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.query.dossier.DossierDocument.Step;
import org.consensusledger.query.projection.StoredEvents;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Time travel: a dossier as the ledger held it at an earlier moment, rebuilt from the proposal's stored events
 * recorded up to then (by {@code recordedAt}), with the same code as the live projection. Corrections are their own
 * events, recorded later than what they correct: those recorded by then are shown.
 */
@Component
class DossierHistory {

    private final StoredEvents log;
    private final Dossiers dossiers;

    DossierHistory(StoredEvents log, Dossiers dossiers) {
        this.log = log;
        this.dossiers = dossiers;
    }

    Optional<DossierDocument> asOf(String proposalId, Instant asOf) {
        DossierDocument dossier = null;
        for (StoredEvents.Stored stored : log.recordedUpTo(List.of(proposalId), asOf)) {
            if (stored.payload() instanceof ProposalEvent event) {
                dossier = DossierProjection.evolve(dossier, event, new Step(
                        stored.globalPosition(), stored.sequenceNumber(), event.getClass().getSimpleName(),
                        stored.recordedAt(), event.occurredAt(), stored.metaData("recordedBy"),
                        stored.metaData("actingFor"), event.meetingId(), stored.eventId()))
                                           .at(stored.globalPosition());
            }
        }
        if (dossier == null) {
            return Optional.empty();
        }
        DossierDocument then = dossier;
        return Optional.of(dossiers.model().find(proposalId)
                                   .map(now -> then.withCorrections(corrections -> {
                                       now.corrections().stream()
                                          .filter(correction -> !correction.recordedAt().isAfter(asOf))
                                          .forEach(corrections::add);
                                       return corrections;
                                   }))
                                   .orElse(then));
    }
}
