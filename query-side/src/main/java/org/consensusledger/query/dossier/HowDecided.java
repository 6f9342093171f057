package org.consensusledger.query.dossier;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Appeal;
import org.consensusledger.dossier.DossierDocument.Outcome;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalWithdrawn;

import java.util.List;

/**
 * What a reader wants first from a dossier once something became of the proposal: each outcome in order with the
 * appeal that set it aside, if one did; the reopening after the last outcome and the withdrawal, if any. The page
 * tells it in sentences at the top ("How this was decided"), before the whole record.
 *
 * @param outcomes  every outcome, in the order declared
 * @param reopened  the reopening after the last outcome (a deferred proposal taken up again), if any
 * @param withdrawn the proposal's withdrawal by its proposer, if any
 */
public record HowDecided(List<Told> outcomes, Step reopened, Step withdrawn) {

    /** An outcome, and the upheld appeal that set it aside (null while it stands). */
    public record Told(Outcome outcome, Appeal setAsideBy) {
    }

    public static HowDecided of(DossierDocument dossier) {
        List<Told> outcomes = dossier.outcomes().stream().map(outcome -> new Told(
                outcome, outcome.setAsideBy() == null ? null : dossier.appeals().stream()
                        .filter(appeal -> appeal.appealId().equals(outcome.setAsideBy())).findFirst()
                        .orElse(null))).toList();
        Outcome last = dossier.outcomes().isEmpty() ? null : dossier.outcomes().get(dossier.outcomes().size() - 1);
        long lastOutcome = last == null || last.recorded() == null ? -1 : last.recorded().globalPosition();
        Step reopened = null;
        Step withdrawn = null;
        for (Step step : dossier.timeline()) {
            if (step.type().equals(ProposalReopened.class.getSimpleName()) && step.globalPosition() > lastOutcome) {
                reopened = step;
            } else if (step.type().equals(ProposalWithdrawn.class.getSimpleName())) {
                withdrawn = step;
            }
        }
        return new HowDecided(outcomes, reopened, withdrawn);
    }

    /** Whether there is anything to tell: an outcome, or a withdrawal. */
    public boolean told() {
        return !outcomes.isEmpty() || withdrawn != null;
    }

    /** The last outcome declared (null if none). */
    public Told latest() {
        return outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
    }
}
