package org.consensusledger.query.dossier;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.MetadataKeys;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.query.projection.StoredEvents;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Time travel: a dossier as the ledger held it at an earlier moment, rebuilt from the proposal's stored events
 * recorded up to then (by {@code recordedAt}), with the same code as the live projection ({@link DossierFold}). Corrections are their own
 * events, recorded later than what they correct: those recorded by then are shown.
 */
@Component
class DossierHistory {

    private final StoredEvents log;
    private final Dossiers dossiers;
    private final Compositions compositions;

    DossierHistory(StoredEvents log, Dossiers dossiers, Compositions compositions) {
        this.log = log;
        this.dossiers = dossiers;
        this.compositions = compositions;
    }

    Optional<DossierDocument> asOf(String proposalId, Instant asOf) {
        DossierDocument dossier = null;
        for (StoredEvents.Stored stored : log.recordedUpTo(List.of(proposalId), asOf)) {
            if (stored.payload() instanceof ProposalEvent event) {
                dossier = DossierFold.evolve(dossier, event, DossierFold.step(
                        event, stored.globalPosition(), stored.sequenceNumber(), stored.recordedAt(),
                        stored.metaData(MetadataKeys.RECORDED_AS), stored.metaData(MetadataKeys.ACTING_FOR), stored.eventId()),
                                             compositions.at(event, stored.globalPosition()))
                                     .at(stored.globalPosition());
            }
        }
        if (dossier == null) {
            return Optional.empty();
        }
        DossierDocument then = dossier;
        return Optional.of(dossiers.model().find(proposalId)
                                   .map(now -> DossierFold.withCorrectionsRecordedBy(then, now.corrections(), asOf))
                                   .orElse(then));
    }
}
