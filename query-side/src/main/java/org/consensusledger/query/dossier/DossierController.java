package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.web.PublicResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Proposals for the public: the list with filters, each dossier (every version with the diff to the one before, every
 * contribution, each objection with its disposition and how long it waited, outcomes with dissent, appeals,
 * corrections), and the timeline of its events.
 */
@RestController
@RequestMapping("/api/public/proposals")
@Tag(name = "Proposals", description = "Dossiers: texts and diffs, contributions, objections, outcomes, timeline")
class DossierController {

    private final Dossiers dossiers;
    private final DossierHistory history;
    private final DossierViews views;

    /** The latest dossiers rendered, as JSON, each valid while the dossier stays at the same position. */
    private final Map<String, Rendered> rendered = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Rendered> eldest) {
                    return size() > 1_000;
                }
            });
    /** The application's JSON mapper, so kept JSON is what the response would have been. */
    private final JsonMapper json;

    DossierController(Dossiers dossiers, DossierHistory history, DossierViews views, JsonMapper json) {
        this.dossiers = dossiers;
        this.history = history;
        this.views = views;
        this.json = json;
    }

    record ProposalSummary(String proposalId, String bodyId, String title, String proposedBy, String status,
                           String outcome, int versions, int objections, Instant submittedAt) {
    }

    record Page(List<ProposalSummary> items, int page, int size, long total) {
    }

    /** A step of the timeline with the corrections that point at it, shown beside it. */
    record TimelineEntry(Step step, List<DossierDocument.Correction> corrections) {
    }

    @GetMapping
    @Operation(summary = "Proposals, filtered and paged, most recently changed first; with `asOf`, as the ledger held "
            + "them then", description = "Filters combine; `q` searches titles and texts; `submittedFrom`/"
            + "`submittedTo` bound when the ledger recorded the submission. With `asOf`, each proposal submitted by "
            + "then is rebuilt from its events recorded up to then and the filters apply to that state.")
    Page list(@RequestParam(required = false) String body,
              @Parameter(description = "OPEN, CALL_OPEN, DECIDED, APPEALED, DEFERRED or WITHDRAWN")
              @RequestParam(required = false) @Pattern(regexp = "OPEN|CALL_OPEN|DECIDED|APPEALED|DEFERRED|WITHDRAWN")
              String status,
              @Parameter(description = "ROUGH_CONSENSUS, NO_CONSENSUS or DEFERRED")
              @RequestParam(required = false) @Pattern(regexp = "ROUGH_CONSENSUS|NO_CONSENSUS|DEFERRED") String outcome,
              @RequestParam(required = false) String q,
              @RequestParam(required = false)
              Instant submittedFrom,
              @RequestParam(required = false)
              Instant submittedTo,
              @Parameter(description = "an ISO-8601 instant: the proposals as the ledger held them then")
              @RequestParam(required = false)
              Instant asOf,
              @RequestParam(defaultValue = "0") @Min(0) int page,
              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        ProposalFilter filter = new ProposalFilter(body, status, outcome, q == null || q.isBlank() ? null : q.strip(),
                                                   submittedFrom, submittedTo);
        if (asOf != null) {
            return listAsOf(filter, asOf, page, size);
        }
        List<ProposalSummary> items = new ArrayList<>();
        dossiers.model().collection().find(filter.toBson()).sort(RECENTLY_CHANGED_FIRST).skip(page * size).limit(size)
                .forEach(dossier -> items.add(summary(dossier)));
        return new Page(items, page, size, dossiers.model().collection().countDocuments(filter.toBson()));
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
        List<DossierDocument> then = new ArrayList<>();
        for (Document now : dossiers.model().collection().withDocumentClass(Document.class).find(candidates)
                                    .projection(Projections.include("_id"))) {
            history.asOf(now.getString("_id"), asOf).filter(filter::test).ifPresent(then::add);
        }
        then.sort(Comparator.comparingLong(DossierDocument::position).reversed());
        List<ProposalSummary> matching = then.stream().map(DossierController::summary).toList();
        int from = (int) Math.min((long) page * size, matching.size());
        return new Page(matching.subList(from, Math.min(from + size, matching.size())), page, size, matching.size());
    }

    private static final String SUBMITTED_AT = "versions.0.recordedAt";
    /** The proposal whose last event is the latest comes first. */
    private static final Bson RECENTLY_CHANGED_FIRST = Sorts.descending("position");

    /** The list's filters, as a MongoDB query for the live read model and as a test for a rebuilt dossier. */
    record ProposalFilter(String body, String status, String outcome, String text, Instant submittedFrom,
                          Instant submittedTo) {

        Bson toBson() {
            List<Bson> filters = new ArrayList<>();
            if (body != null) {
                filters.add(Filters.eq("bodyId", body));
            }
            if (status != null) {
                filters.add(Filters.eq("status", status));
            }
            if (outcome != null) {
                filters.add(Filters.eq("outcomes.outcome", outcome));
            }
            if (text != null) {
                String quoted = java.util.regex.Pattern.quote(text);
                filters.add(Filters.or(Filters.regex("title", quoted, "i"), Filters.regex("versions.text", quoted,
                                                                                          "i")));
            }
            if (submittedFrom != null) {
                filters.add(Filters.gte(SUBMITTED_AT, submittedFrom));
            }
            if (submittedTo != null) {
                filters.add(Filters.lt(SUBMITTED_AT, submittedTo));
            }
            return filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        }

        boolean test(DossierDocument dossier) {
            Instant submitted = dossier.versions().get(0).recordedAt();
            String needle = text == null ? null : text.toLowerCase(Locale.ROOT);
            return (body == null || body.equals(dossier.bodyId()))
                    && (status == null || status.equals(dossier.status()))
                    && (outcome == null || dossier.outcomes().stream().anyMatch(o -> outcome.equals(o.outcome())))
                    && (needle == null || dossier.title().toLowerCase(Locale.ROOT).contains(needle)
                        || dossier.versions().stream().anyMatch(
                            v -> v.text().toLowerCase(Locale.ROOT).contains(needle)))
                    && (submittedFrom == null || !submitted.isBefore(submittedFrom))
                    && (submittedTo == null || submitted.isBefore(submittedTo));
        }
    }

    @GetMapping("/{id}")
    @Operation(summary = "A proposal's dossier; with `asOf`, as the ledger held it then (by recordedAt), rebuilt "
            + "from the events")
    ResponseEntity<DossierView> dossier(@PathVariable String id, @Parameter(description = "an ISO-8601 instant")
                                    @RequestParam(required = false)
                                    Instant asOf, WebRequest request, HttpServletResponse response)
            throws IOException {
        if (asOf == null) {
            OptionalLong position = dossiers.positionOf(id);
            Rendered seen = position.isPresent() ? rendered.get(id) : null;
            if (seen != null && seen.position() == position.getAsLong()) {
                return PublicResponses.cachedJson(request, response, seen.position(), seen.json());
            }
        }
        DossierDocument dossier = find(id, asOf);
        return PublicResponses.cached(request, dossier.position(), () -> {
            DossierView view = views.view(dossier);
            // Kept unless an objection still waits: how long it has waited changes by the second.
            if (asOf == null && !view.anyPending()) {
                rendered.put(id, new Rendered(dossier.position(), json.writeValueAsBytes(view)));
            }
            return view;
        });
    }

    /** A rendered dossier's JSON and the log position it reflects. */
    private record Rendered(long position, byte[] json) {
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Every event of the proposal in order: global position, recordedAt, occurredAt, who "
            + "recorded it, and the corrections that point at it")
    ResponseEntity<List<TimelineEntry>> timeline(@PathVariable String id,
                                                 @RequestParam(required = false)
                                                 Instant asOf,
                                                 WebRequest request) {
        DossierDocument dossier = find(id, asOf);
        return PublicResponses.cached(request, dossier.position(), () -> dossier.timeline().stream().map(
                step -> new TimelineEntry(step, dossier.corrections().stream()
                                                       .filter(correction -> correction.correctedSequenceNumber()
                                                               == step.sequenceNumber())
                                                       .toList())).toList());
    }

    private DossierDocument find(String id, Instant asOf) {
        return views.find(id, asOf).orElseThrow(() -> new ProblemHandler.NotFound(
                "proposal", asOf == null ? id : id + " as of " + asOf));
    }

    private static ProposalSummary summary(DossierDocument dossier) {
        String outcome = dossier.outcomes().isEmpty() ? null
                : dossier.outcomes().get(dossier.outcomes().size() - 1).outcome();
        return new ProposalSummary(dossier.id(), dossier.bodyId(), dossier.title(), dossier.proposedBy(),
                                   dossier.status(), outcome, dossier.versions().size(), dossier.objections().size(),
                                   dossier.versions().get(0).recordedAt());
    }
}
