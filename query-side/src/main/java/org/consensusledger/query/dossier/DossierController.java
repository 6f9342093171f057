package org.consensusledger.query.dossier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.dossier.DossierViews.Page;
import org.consensusledger.query.dossier.DossierViews.ProposalFilter;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.projection.Rebuilds;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final Rebuilds rebuilds;

    DossierController(Dossiers dossiers, DossierViews views, JsonMapper json, Rebuilds rebuilds) {
        this.dossiers = dossiers;
        this.views = views;
        this.json = json;
        this.rebuilds = rebuilds;
        rebuilds.onRebuild(rendered::clear); // a repaired dossier keeps its position
    }

    /** A step of the timeline with the corrections that point at it, shown beside it. */
    record TimelineEntry(Step step, List<DossierDocument.Correction> corrections) {
    }

    @GetMapping
    @Operation(summary = "Proposals, filtered and paged, most recently changed first; with `asOf`, as the ledger held "
            + "them then", description = "Filters combine; `q` searches titles, texts, the grounds of objections and "
            + "the texts of concerns, and the names of the organisations that took part (proposer, objectors, members "
            + "that supported, stood aside or voiced a concern: at most the first 200 organisations by name whose names "
            + "hold the words, and `organisationNamesCapped` is true when more names hold them); `submittedFrom`/"
            + "`submittedTo` bound when the ledger recorded the submission. With `asOf`, each proposal submitted by "
            + "then is rebuilt from its events recorded up to then and the filters apply to that state.")
    Page list(@Parameter(description = "a body's id") @RequestParam(required = false) @Size(max = 100) String body,
              @Parameter(description = "where the proposal stands in its lifecycle (then, with `asOf`)")
              @RequestParam(required = false) ProposalStatus status,
              @Parameter(description = "an outcome declared on the proposal, one an upheld appeal set aside included")
              @RequestParam(required = false) ProposalOutcome outcome,
              @Parameter(description = "words searched literally, whatever their case, in titles, texts, objections' "
                                       + "grounds, concerns' texts and the names of the organisations that took part, "
                                       + "at most 200 characters (as a name: in the first 200 organisations by name whose "
                                       + "names hold them)")
              @RequestParam(required = false) @Size(max = 200) String q,
              @Parameter(description = "an ISO-8601 instant, 1970 to 2200: submitted then or later")
              @RequestParam(required = false)
              Instant submittedFrom,
              @Parameter(description = "an ISO-8601 instant, 1970 to 2200: submitted before then")
              @RequestParam(required = false)
              Instant submittedTo,
              @Parameter(description = "an ISO-8601 instant, 1970 to 2200: the proposals as the ledger held them then")
              @RequestParam(required = false)
              Instant asOf,
              @Parameter(description = "the page, from 0 (at most 10,000)")
              @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
              @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        ProposalFilter filter = new ProposalFilter(body, status, outcome, q == null || q.isBlank() ? null : q.strip(),
                                                   submittedFrom, submittedTo);
        return views.list(filter, asOf, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A proposal's dossier; with `asOf`, as the ledger held it then (by recordedAt), rebuilt "
            + "from the events", description = "An objection still waiting for its disposition has `waited` up to "
            + "`asOf` when given, else up to now.")
    ResponseEntity<DossierView> dossier(@PathVariable @Size(max = 100) String id,
                                        @Parameter(description = "an ISO-8601 instant, 1970 to 2200")
                                    @RequestParam(required = false)
                                    Instant asOf, WebRequest request, HttpServletResponse response)
            throws IOException {
        String tag = rebuilds.tag(); // read before the dossier: a rebuild after it gives another
        if (asOf == null) {
            OptionalLong position = dossiers.positionOf(id);
            Rendered seen = position.isPresent() ? rendered.get(id) : null;
            if (seen != null && seen.position() == position.getAsLong() && seen.tag().equals(tag)) {
                return PublicResponses.cachedJson(request, response, Rebuilds.version(seen.position(), tag),
                                                  seen.json());
            }
        }
        DossierDocument dossier = find(id, asOf);
        return PublicResponses.cached(request, Rebuilds.version(dossier.position(), tag), () -> {
            DossierView view = views.view(dossier, asOf);
            // Kept unless an objection still waits: how long it has waited changes by the second.
            if (asOf == null && !view.anyPending()) {
                rendered.put(id, new Rendered(dossier.position(), tag, json.writeValueAsBytes(view)));
            }
            return view;
        });
    }

    /** A rendered dossier's JSON, the log position it reflects and the rebuild it was read after. */
    private record Rendered(long position, String tag, byte[] json) {
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Every event of the proposal in order: global position, recordedAt, occurredAt, who "
            + "recorded it, and the corrections that point at it")
    ResponseEntity<List<TimelineEntry>> timeline(@PathVariable @Size(max = 100) String id,
                                                 @RequestParam(required = false)
                                                 Instant asOf,
                                                 WebRequest request) {
        DossierDocument dossier = find(id, asOf);
        return PublicResponses.cached(request, rebuilds.version(dossier.position()), () -> dossier.timeline().stream().map(
                step -> new TimelineEntry(step, dossier.corrections().stream()
                                                       .filter(correction -> correction.correctedSequenceNumber()
                                                               == step.sequenceNumber())
                                                       .toList())).toList());
    }

    private DossierDocument find(String id, Instant asOf) {
        return views.find(id, asOf).orElseThrow(() -> new ProblemHandler.NotFound(
                "proposal", asOf == null ? id : id + " as of " + asOf));
    }


}
