package org.consensusledger.query.body;

import org.consensusledger.query.projection.StoredEvents;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time travel: a body as the ledger held it at an earlier moment, rebuilt from the stored events of the body, its
 * meetings and its proposals recorded up to then, with the same code as the live projection. The meetings and
 * proposals to read are those the body has now; one that did not exist then has no events before {@code asOf}.
 */
@Component
class BodyHistory {

    private final StoredEvents log;
    private final Bodies bodies;
    private final BodyProposals proposals;

    BodyHistory(StoredEvents log, Bodies bodies, BodyProposals proposals) {
        this.log = log;
        this.bodies = bodies;
        this.proposals = proposals;
    }

    Optional<BodyDocument> asOf(String bodyId, Instant asOf) {
        Optional<BodyDocument> now = bodies.find(bodyId);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        List<String> aggregates = new ArrayList<>();
        aggregates.add(bodyId);
        now.get().meetings().forEach(meeting -> aggregates.add(meeting.meetingId()));
        proposals.of(bodyId).forEach(proposal -> aggregates.add(proposal.id()));
        BodyDocument body = null;
        for (StoredEvents.Stored stored : log.recordedUpTo(aggregates, asOf)) {
            BodyDocument next = BodyProjection.evolve(body, stored.payload(), stored.recordedAt());
            body = next == null ? null : next.at(stored.globalPosition());
        }
        return Optional.ofNullable(body).map(then -> then.withCorrectionsOf(now.get(), asOf));
    }
}
