package org.consensusledger.query.dossier;

import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.dossier.LatestDecisionsDocument.Decision;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest decisions of each body ({@code public_latest_decisions}), kept by the dossier projection beside the
 * dossiers, in the same batch and from the same events: each time a dossier's decision changes (decided, set aside,
 * corrected) or a decided dossier takes an event, its body's document is changed with it. Like every read model, a
 * document says which event it reflects, so an event seen twice changes nothing, and a replay empties and rebuilds it.
 * Every event of a body is handled by one thread at a time, in log order ({@code ProjectionSetup}), so one document
 * per body needs no more than the dossiers do.
 */
@Component
public class LatestDecisions {

    private final ReadModel<LatestDecisionsDocument> model;
    private final Dossiers dossiers;

    LatestDecisions(LedgerDatabase database, Dossiers dossiers) {
        this.model = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_LATEST_DECISIONS,
                                                         LatestDecisionsDocument.class));
        this.dossiers = dossiers;
    }

    ReadModel<LatestDecisionsDocument> model() {
        return model;
    }

    /**
     * A dossier changed by the event at {@code token} from {@code before} to {@code after} (the dossiers' handler
     * calls this from inside its change, so only for an event new to the dossier).
     */
    void changed(TrackingToken token, DossierDocument before, DossierDocument after) {
        long position = token.position().orElseThrow();
        Decision was = before == null ? null : decisionOf(before, before.position());
        Decision now = decisionOf(after, position);
        if (was == null && now == null) {
            return;
        }
        // The body's document is made by its first decision, changed by the others.
        model.create(token, LatestDecisionsDocument.none(after.bodyId()).changed(was, now));
        model.update(token, after.bodyId(), latest -> latest.changed(was, now));
    }

    /**
     * The proposals decided last, of every body, the latest decision first (by when the ledger recorded the outcome
     * in force): read from the one document of each body that has decided anything, by key, and the dossiers listed
     * by key. A body whose list lost too many decisions (appeals upheld, corrections) is read from its dossiers.
     */
    public List<DossierDocument> latest(int limit) {
        List<Decision> all = new ArrayList<>();
        for (LatestDecisionsDocument body : model.collection().find()) {
            if (body.holdsLatest(limit)) {
                all.addAll(body.latest());
            } else {
                dossiers.latestDecided(body.id(), limit)
                        .forEach(dossier -> all.add(decisionOf(dossier, dossier.position())));
            }
        }
        all.sort(LatestDecisionsDocument.LATEST_FIRST);
        List<String> ids = all.stream().limit(limit).map(Decision::proposalId).toList();
        Map<String, DossierDocument> found = dossiers.findAll(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** The dossier's decision, as of the event at {@code position}; null when it is not decided. */
    private static Decision decisionOf(DossierDocument dossier, long position) {
        if (dossier.status() != ProposalStatus.DECIDED) {
            return null;
        }
        List<DossierDocument.Outcome> outcomes = dossier.outcomes();
        return new Decision(dossier.id(), outcomes == null || outcomes.isEmpty() ? null
                : outcomes.get(outcomes.size() - 1).recordedAt(), position);
    }
}
