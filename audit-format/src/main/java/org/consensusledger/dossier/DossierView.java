package org.consensusledger.dossier;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Version;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ProposalStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A dossier as {@code GET /api/public/proposals/{id}} publishes it: every version with the unified diff to the one
 * before, each objection with how long it waited for its disposition, and the names and stakeholder groups of the
 * organisations it mentions (whose voice each entry is, and for whom its recorder acted). The query side renders its
 * dossiers with {@link #of}, and the verifier renders the dossiers it rebuilt from the log with it too, to compare
 * them with the published ones.
 */
public record DossierView(String proposalId, String bodyId, String title, String proposedBy, ProposalStatus status,
                          String currentText, List<VersionView> versions,
                          List<DossierDocument.Contribution> contributions, List<ObjectionView> objections,
                          List<DossierDocument.Call> consensusCalls, List<DossierDocument.Outcome> outcomes,
                          List<DossierDocument.Appeal> appeals, List<DossierDocument.Correction> corrections,
                          Map<String, String> organisationNames,
                          Map<String, StakeholderGroup> organisationGroups, long asOfPosition) {

    /** What a view shows of an organisation it names. */
    public record Organisation(String name, StakeholderGroup stakeholderGroup) {
    }

    /** A version, with the diff to the one before and the step that recorded it (for its corrections). */
    public record VersionView(int version, String text, String textSha256, String summary, String by,
                              String meetingId, Instant occurredAt, Instant recordedAt,
                              List<String> diffFromPrevious, DossierDocument.Recorded recorded) {
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

    /**
     * The organisations a dossier names — every member whose act a step is, and every organisation a recorder acted
     * for: whose names {@link #of} needs.
     */
    public static Set<String> organisationsNamed(DossierDocument dossier) {
        Set<String> named = new HashSet<>();
        named.add(dossier.proposedBy());
        dossier.versions().forEach(version -> named.add(version.by()));
        dossier.contributions().forEach(contribution -> {
            named.add(contribution.organisationId());
            contribution.answers().forEach(answer -> named.add(answer.answeredBy()));
        });
        dossier.objections().forEach(objection -> {
            named.add(objection.organisationId());
            named.add(objection.addressedBy());
            objection.reconsidered().forEach(again -> named.add(again.reconsideredBy()));
        });
        dossier.consensusCalls().forEach(call -> {
            named.add(call.openedBy());
            named.add(call.ended() == null ? null : call.ended().endedBy());
        });
        dossier.appeals().forEach(appeal -> {
            named.add(appeal.appellant());
            named.add(appeal.decidedBy());
        });
        dossier.outcomes().forEach(outcome -> {
            named.add(outcome.declaredBy());
            outcome.dissent().forEach(dissent -> named.add(dissent.organisationId()));
        });
        dossier.corrections().forEach(correction -> {
            named.add(correction.requestedBy());
            named.add(correction.actingFor());
        });
        dossier.timeline().forEach(step -> {
            named.add(step.by());
            named.add(step.actingFor());
        });
        named.remove(null);
        return named;
    }

    /**
     * The published view of {@code dossier}.
     *
     * @param known (at least) the {@linkplain #organisationsNamed organisations it names} that are known, by id
     * @param now   the moment pending objections have waited until
     */
    public static DossierView of(DossierDocument dossier, Map<String, Organisation> known, Instant now,
                                 Differ differ) {
        List<VersionView> versions = new ArrayList<>();
        Version previous = null;
        for (Version version : dossier.versions()) {
            versions.add(new VersionView(version.version(), version.text(), version.textSha256(), version.summary(),
                                         version.by(), version.meetingId(), version.occurredAt(),
                                         version.recordedAt(),
                                         previous == null ? List.of() : differ.diff(dossier.id(), previous, version),
                                         version.recorded()));
            previous = version;
        }
        // Looked up by ids that may be null (an act of the secretariat names no organisation).
        Map<String, String> named = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<String, StakeholderGroup> groups = new TreeMap<>();
        for (String id : organisationsNamed(dossier)) {
            Organisation organisation = known.get(id);
            if (organisation != null) {
                named.put(id, organisation.name());
                if (organisation.stakeholderGroup() != null) {
                    groups.put(id, organisation.stakeholderGroup());
                }
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
                               dossier.outcomes(), dossier.appeals(), dossier.corrections(), named, groups,
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
