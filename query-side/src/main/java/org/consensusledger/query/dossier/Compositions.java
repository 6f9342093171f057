package org.consensusledger.query.dossier;

import org.consensusledger.dossier.Composition;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.dossier.Membership;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.query.projection.StoredEvents;
import org.springframework.stereotype.Component;

/**
 * The body's composition an outcome records, as it stood when the outcome was declared: the body's events before the
 * outcome's place in the log, folded with {@link Membership} (as the verifier folds them). Read from the log, not from
 * the bodies' read model, which its own processor may have taken further or not yet as far.
 */
@Component
class Compositions {

    private final StoredEvents log;

    Compositions(StoredEvents log) {
        this.log = log;
    }

    /** The composition to record with {@code event} at {@code position}; null unless it is an outcome. */
    Composition at(ProposalEvent event, long position) {
        if (!DossierFold.isOutcome(event)) {
            return null;
        }
        Membership membership = null;
        for (Object payload : log.payloadsBefore(event.bodyId(), position)) {
            if (payload instanceof BodyEvent bodyEvent) {
                membership = Membership.evolve(membership, bodyEvent);
            }
        }
        return membership == null ? null : membership.composition();
    }
}
