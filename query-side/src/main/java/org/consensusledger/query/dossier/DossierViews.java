package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Version;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Likewise the readable diffs, by proposal and version. */
    private final Map<String, List<ReadableDiff.Piece>> readable = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<ReadableDiff.Piece>> eldest) {
                    return size() > 10_000;
                }
            });

    DossierViews(Dossiers dossiers, DossierHistory history, Organisations organisations) {
        this.dossiers = dossiers;
        this.history = history;
        this.organisations = organisations;
    }

    /** A proposal in a list. */
    public record ProposalSummary(String proposalId, String bodyId, String title, String proposedBy,
                                  ProposalStatus status, ProposalOutcome outcome, int versions, int objections,
                                  Instant submittedAt) {
    }

    /**
     * One page of a list, and how many match in all; {@code organisationNamesCapped}: the words searched for are in
     * the names of more than {@link #ORGANISATIONS_SEARCHED} organisations, and only the first that many by name
     * were searched as names.
     */
    public record Page(List<ProposalSummary> items, int page, int size, long total, boolean organisationNamesCapped) {
    }

    /** At most how many organisations whose names hold the words a search looks for (the first by name). */
    public static final int ORGANISATIONS_SEARCHED = 200;

    /**
     * Proposals matching the filter, most recently changed first, one page of them; with {@code asOf}, as the ledger
     * held them then.
     */
    public Page list(ProposalFilter filter, Instant asOf, int page, int size) {
        if (asOf != null) {
            return listAsOf(filter, asOf, page, size);
        }
        Organisations.Named named = organisationsNamed(filter);
        Bson query = filter.toBson(named.ids());
        List<ProposalSummary> items = new ArrayList<>();
        dossiers.model().collection().find(query).sort(RECENTLY_CHANGED_FIRST).skip(page * size).limit(size)
                .forEach(dossier -> items.add(summary(dossier)));
        return new Page(items, page, size, dossiers.model().collection().countDocuments(query), named.more());
    }

    /**
     * The list as of an instant: the proposals whose submission was recorded by then (the read model knows when),
     * each rebuilt from its events up to then, then filtered in memory, since status, outcome and text may have
     * changed since.
     */
    private Page listAsOf(ProposalFilter filter, Instant asOf, int page, int size) {
        Bson submittedByThen = Filters.lte(SUBMITTED_AT, asOf);
        Bson candidates = filter.body() == null ? submittedByThen
                : Filters.and(Filters.eq("bodyId", filter.body()), submittedByThen);
        Organisations.Named matched = organisationsNamed(filter);
        Set<String> named = matched.ids();
        List<DossierDocument> then = new ArrayList<>();
        for (Document now : dossiers.model().collection().withDocumentClass(Document.class).find(candidates)
                                    .projection(Projections.include("_id"))) {
            history.asOf(now.getString("_id"), asOf).filter(dossier -> filter.test(dossier, named))
                   .ifPresent(then::add);
        }
        then.sort(Comparator.comparingLong(DossierDocument::position).reversed());
        List<ProposalSummary> matching = then.stream().map(DossierViews::summary).toList();
        int from = (int) Math.min((long) page * size, matching.size());
        return new Page(matching.subList(from, Math.min(from + size, matching.size())), page, size, matching.size(),
                        matched.more());
    }

    /**
     * The organisations whose names hold the words searched for, at most {@link #ORGANISATIONS_SEARCHED} of them
     * (none when no words are).
     */
    private Organisations.Named organisationsNamed(ProposalFilter filter) {
        return filter.text() == null ? new Organisations.Named(Set.of(), false)
                : organisations.namedLike(filter.text(), ORGANISATIONS_SEARCHED);
    }

    private static final String SUBMITTED_AT = "versions.0.recordedAt";
    /** The proposal whose last event is the latest comes first. */
    private static final Bson RECENTLY_CHANGED_FIRST = Sorts.descending("position");

    /**
     * The list's filters, as a MongoDB query for the live read model and as a test for a rebuilt dossier. The words
     * ({@code text}) are searched literally, whatever their case, in the title, every version's text, the grounds of
     * every objection and the text of every concern, and as a name of an organisation that took part: the proposer,
     * an objector, or a member that supported, stood aside or voiced a concern ({@code named}: the ids of the
     * organisations whose names hold the words).
     */
    public record ProposalFilter(String body, ProposalStatus status, ProposalOutcome outcome, String text,
                                 Instant submittedFrom, Instant submittedTo) {

        Bson toBson(Set<String> named) {
            List<Bson> filters = new ArrayList<>();
            if (body != null) {
                filters.add(Filters.eq("bodyId", body));
            }
            if (status != null) {
                filters.add(Filters.eq("status", status.name()));
            }
            if (outcome != null) {
                filters.add(Filters.eq("outcomes.outcome", outcome.name()));
            }
            if (text != null) {
                String quoted = java.util.regex.Pattern.quote(text);
                List<Bson> anywhere = new ArrayList<>(List.of(
                        Filters.regex("title", quoted, "i"), Filters.regex("versions.text", quoted, "i"),
                        Filters.regex("objections.grounds", quoted, "i"),
                        Filters.elemMatch("contributions", Filters.and(Filters.eq("kind", CONCERN),
                                                                       Filters.regex("text", quoted, "i")))));
                if (!named.isEmpty()) {
                    anywhere.add(Filters.in("proposedBy", named));
                    anywhere.add(Filters.in("objections.organisationId", named));
                    anywhere.add(Filters.in("contributions.organisationId", named));
                }
                filters.add(Filters.or(anywhere));
            }
            if (submittedFrom != null) {
                filters.add(Filters.gte(SUBMITTED_AT, submittedFrom));
            }
            if (submittedTo != null) {
                filters.add(Filters.lt(SUBMITTED_AT, submittedTo));
            }
            return filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        }

        boolean test(DossierDocument dossier, Set<String> named) {
            Instant submitted = dossier.versions().get(0).recordedAt();
            return (body == null || body.equals(dossier.bodyId()))
                    && (status == null || status == dossier.status())
                    && (outcome == null || dossier.outcomes().stream().anyMatch(o -> outcome == o.outcome()))
                    && (text == null || mentions(dossier, text.toLowerCase(Locale.ROOT), named))
                    && (submittedFrom == null || !submitted.isBefore(submittedFrom))
                    && (submittedTo == null || submitted.isBefore(submittedTo));
        }

        private static boolean mentions(DossierDocument dossier, String needle, Set<String> named) {
            return holds(dossier.title(), needle)
                    || dossier.versions().stream().anyMatch(v -> holds(v.text(), needle))
                    || dossier.objections().stream().anyMatch(
                            o -> holds(o.grounds(), needle) || named.contains(o.organisationId()))
                    || dossier.contributions().stream().anyMatch(
                            c -> CONCERN.equals(c.kind()) && holds(c.text(), needle)
                                    || named.contains(c.organisationId()))
                    || named.contains(dossier.proposedBy());
        }

        private static boolean holds(String text, String needle) {
            return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    /** The kind of contribution a concern is. */
    private static final String CONCERN = "CONCERN";

    /** The dossier now, or as the ledger held it at {@code asOf} (null: now); empty if unknown then. */
    public Optional<DossierDocument> find(String id, Instant asOf) {
        return asOf == null ? dossiers.model().find(id) : history.asOf(id, asOf);
    }

    /**
     * The dossier with its diffs and names; objections still pending have waited until the instant viewed
     * ({@code asOf}), or until now when it is the dossier as it stands (null).
     */
    public DossierView view(DossierDocument dossier, Instant asOf) {
        Map<String, DossierView.Organisation> known = new HashMap<>();
        organisations.byId(DossierView.organisationsNamed(dossier)).forEach((id, organisation) -> known.put(
                id, new DossierView.Organisation(organisation.name(), organisation.stakeholderGroup())));
        return DossierView.of(dossier, known, asOf != null ? asOf : Instant.now(), this::diff);
    }

    /**
     * Every version's change from the one before as people read it (words removed and added), by version number;
     * the first version has none.
     */
    public Map<Integer, List<ReadableDiff.Piece>> readableDiffs(DossierDocument dossier) {
        Map<Integer, List<ReadableDiff.Piece>> changes = new HashMap<>();
        Version previous = null;
        for (Version version : dossier.versions()) {
            if (previous != null) {
                Version before = previous;
                changes.put(version.version(), readable.computeIfAbsent(
                        dossier.id() + '\n' + version.version() + '\n' + version.textSha256(),
                        key -> ReadableDiff.between(before.text(), version.text())));
            }
            previous = version;
        }
        return changes;
    }

    /** The names of the organisations the dossier mentions, by id. */
    public Map<String, String> organisationNames(DossierDocument dossier) {
        Map<String, String> names = new HashMap<>();
        organisations.byId(DossierView.organisationsNamed(dossier)).forEach((id, organisation) -> names.put(
                id, organisation.name()));
        return names;
    }

    private List<String> diff(String proposalId, Version previous, Version next) {
        return diffs.computeIfAbsent(proposalId + '\n' + next.version() + '\n' + next.textSha256(),
                                     key -> DossierView.unifiedDiff(previous, next));
    }

    private static ProposalSummary summary(DossierDocument dossier) {
        ProposalOutcome outcome = dossier.outcomes().isEmpty() ? null
                : dossier.outcomes().get(dossier.outcomes().size() - 1).outcome();
        return new ProposalSummary(dossier.id(), dossier.bodyId(), dossier.title(), dossier.proposedBy(),
                                   dossier.status(), outcome, dossier.versions().size(), dossier.objections().size(),
                                   dossier.versions().get(0).recordedAt());
    }
}
