package org.consensusledger.dossier;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Version;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dossier as {@code GET /api/public/proposals/{id}} publishes it: every version with the unified diff to the one
 * before, each objection with how long it waited for its disposition, and the names of the organisations it
 * mentions. The query side renders its dossiers with {@link #of}, and the verifier renders the dossiers it rebuilt
 * from the log with it too, to compare them with the published ones.
 */
public record DossierView(String proposalId, String bodyId, String title, String proposedBy, String status,
                          String currentText, List<VersionView> versions,
                          List<DossierDocument.Contribution> contributions, List<ObjectionView> objections,
                          List<DossierDocument.Call> consensusCalls, List<DossierDocument.Outcome> outcomes,
                          List<DossierDocument.Appeal> appeals, List<DossierDocument.Correction> corrections,
                          Map<String, String> organisationNames, long asOfPosition) {

    public record VersionView(int version, String text, String textSha256, String summary, String by,
                              String meetingId, Instant occurredAt, Instant recordedAt,
                              List<String> diffFromPrevious) {
    }

    /**
     * An objection with how long it waited for its disposition or withdrawal; while it has neither
     * ({@code pending}), until the moment the view was made.
     */
    public record ObjectionView(Objection objection, String organisationName, Duration waited, boolean pending) {
    }

    /** The diff from one version to the next, as lines of a unified diff. */
    @FunctionalInterface
    public interface Differ {
        List<String> diff(String proposalId, Version previous, Version next);
    }

    /** The organisations a dossier names: whose names {@link #of} needs. */
    public static Set<String> organisationsNamed(DossierDocument dossier) {
        Set<String> named = new HashSet<>();
        named.add(dossier.proposedBy());
        dossier.contributions().forEach(contribution -> named.add(contribution.organisationId()));
        dossier.objections().forEach(objection -> named.add(objection.organisationId()));
        dossier.appeals().forEach(appeal -> named.add(appeal.appellant()));
        dossier.outcomes().forEach(outcome -> named.add(outcome.declaredBy()));
        named.remove(null);
        return named;
    }

    /**
     * The published view of {@code dossier}.
     *
     * @param names the names of (at least) the {@linkplain #organisationsNamed organisations it names} that are known
     * @param now   the moment pending objections have waited until
     */
    public static DossierView of(DossierDocument dossier, Map<String, String> names, Instant now, Differ differ) {
        List<VersionView> versions = new ArrayList<>();
        Version previous = null;
        for (Version version : dossier.versions()) {
            versions.add(new VersionView(version.version(), version.text(), version.textSha256(), version.summary(),
                                         version.by(), version.meetingId(), version.occurredAt(),
                                         version.recordedAt(),
                                         previous == null ? List.of() : differ.diff(dossier.id(), previous, version)));
            previous = version;
        }
        Map<String, String> named = new TreeMap<>();
        for (String id : organisationsNamed(dossier)) {
            String name = names.get(id);
            if (name != null) {
                named.put(id, name);
            }
        }
        List<ObjectionView> objections = dossier.objections().stream().map(objection -> new ObjectionView(
                objection, named.get(objection.organisationId()),
                Duration.between(objection.raisedAt(), objection.addressedAt() != null ? objection.addressedAt()
                        : objection.withdrawnAt() != null ? objection.withdrawnAt() : now),
                objection.addressedAt() == null && !objection.withdrawn())).toList();
        return new DossierView(dossier.id(), dossier.bodyId(), dossier.title(), dossier.proposedBy(),
                               dossier.status(), dossier.versions().get(dossier.versions().size() - 1).text(),
                               versions, dossier.contributions(), objections, dossier.consensusCalls(),
                               dossier.outcomes(), dossier.appeals(), dossier.corrections(), named,
                               dossier.position());
    }

    /** The unified diff (3 lines of context) from {@code previous} to {@code next}, line by line. */
    public static List<String> unifiedDiff(Version previous, Version next) {
        List<String> before = Arrays.asList(previous.text().split("\n", -1));
        List<String> after = Arrays.asList(next.text().split("\n", -1));
        return List.copyOf(UnifiedDiffUtils.generateUnifiedDiff("version " + previous.version(),
                                                               "version " + next.version(), before,
                                                               DiffUtils.diff(before, after), 3));
    }

    /** Whether an objection still waits (its {@code waited} then depends on when the view was made). */
    public boolean anyPending() {
        return objections.stream().anyMatch(ObjectionView::pending);
    }
}
