package org.consensusledger.query.body;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.consensusledger.query.body.BodyViews.BodySummary;
import org.consensusledger.query.body.BodyViews.BodyView;
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

import java.time.Instant;
import java.util.List;

/**
 * Bodies for the public: who sits in them by stakeholder group, who co-chairs, whether the composition the terms of
 * reference ask for is there, and what was decided. No account needed.
 */
@RestController
@RequestMapping("/api/public/bodies")
@Tag(name = "Bodies", description = "Members and co-chairs by stakeholder group, composition, meetings, decisions")
class BodyController {

    private final BodyViews views;

    private final Rebuilds rebuilds;

    BodyController(BodyViews views, Rebuilds rebuilds) {
        this.views = views;
        this.rebuilds = rebuilds;
    }

    @GetMapping
    @Operation(summary = "All bodies, with their size and composition; with `asOf`, as the ledger held them then "
            + "(by recordedAt), rebuilt from the events")
    List<BodySummary> list(@Parameter(description = "an ISO-8601 instant, 1970 to 2200: the bodies as the ledger "
                                                   + "held them then")
                           @RequestParam(required = false) Instant asOf) {
        return views.list(asOf);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One body: members and co-chairs by stakeholder group, composition, meetings, decisions; "
            + "with `asOf`, as the ledger held it then (by recordedAt), rebuilt from the events",
            description = "Each member says how it was admitted (`admission`, `requestedBy`, `admittedBy`, "
            + "`admittedAt`); `membershipRequests` are those waiting for a co-chair, with who asked (`requestedBy`: "
            + "the organisation itself or the member that proposed it) and when; a working group names its "
            + "`plenary`, a plenary its `workingGroups`. Each of its `proposals` has the `status` of its lifecycle, as "
            + "its dossier has (CALL_OPEN while a consensus call runs, OPEN again once it is ended early), and the "
            + "`outcome` in force, which an "
            + "upheld appeal clears with the decision's `decidedVersion`, `decidedAt` and `decidedInMeeting`.")
    ResponseEntity<BodyView> body(@PathVariable @Size(max = 100) String id,
                                  @Parameter(description = "an ISO-8601 instant, 1970 to 2200: the body as the "
                                                           + "ledger held it then")
                                  @RequestParam(required = false) Instant asOf, WebRequest request) {
        String tag = rebuilds.tag(); // read before the body: a rebuild after it gives another ETag
        BodyDocument body = views.find(id, asOf)
                .orElseThrow(() -> new ProblemHandler.NotFound("body", asOf == null ? id : id + " as of " + asOf));
        BodyView view = views.view(body, asOf);
        return PublicResponses.cached(request, Rebuilds.version(view.asOfPosition(), tag), () -> view);
    }
}
