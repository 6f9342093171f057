package org.consensusledger.query.dossier;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Version;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dossiers as the public sees them, for the JSON API and the public site alike: every version with the diff to the
 * one before, organisations by name, how long each objection waited; now, or as the ledger held them at an instant
 * (rebuilt from the events).
 */
@Component
public class DossierViews {

    private final Dossiers dossiers;
    private final DossierHistory history;
    private final Organisations organisations;
    /** A version's diff never changes: the latest ones computed are kept, by proposal and version. */
    private final Map<String, List<String>> diffs = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > 10_000;
        }
    });

    DossierViews(Dossiers dossiers, DossierHistory history, Organisations organisations) {
        this.dossiers = dossiers;
        this.history = history;
        this.organisations = organisations;
    }

    /** The dossier now, or as the ledger held it at {@code asOf} (null: now); empty if unknown then. */
    public Optional<DossierDocument> find(String id, Instant asOf) {
        return asOf == null ? dossiers.model().find(id) : history.asOf(id, asOf);
    }

    /** The dossier with its diffs and names; objections still pending have waited until now. */
    public DossierView view(DossierDocument dossier) {
        Map<String, String> names = new HashMap<>();
        organisations.byId(DossierView.organisationsNamed(dossier)).forEach((id, organisation) -> names.put(
                id, organisation.name()));
        return DossierView.of(dossier, names, Instant.now(), this::diff);
    }

    private List<String> diff(String proposalId, Version previous, Version next) {
        return diffs.computeIfAbsent(proposalId + '\n' + next.version() + '\n' + next.textSha256(),
                                     key -> DossierView.unifiedDiff(previous, next));
    }
}
