package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.dossier.DossierViews.ProposalFilter;
import org.consensusledger.query.dossier.DossierViews;
import org.consensusledger.query.dossier.HowDecided;
import org.consensusledger.query.dossier.LatestDecisions;
import org.consensusledger.query.engagement.EngagementFigures;
import org.consensusledger.query.meeting.MeetingDocument;
import org.consensusledger.query.meeting.MeetingViews;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The public site's pages, rendered on the server from the same read models as the public JSON API: readable without
 * JavaScript, with nothing loaded from anywhere else. Texts are in {@code messages.properties}.
 */
@Controller
@Hidden // pages for people; the JSON API is the one the OpenAPI description documents
class SiteController {

    /** How many decisions the home page lists. */
    static final int LATEST_DECISIONS = 10;
    /** How many proposals a page of search results lists. */
    static final int SEARCH_PAGE = 20;
    /** How many of the proposals an organisation took part in a page of its own lists. */
    static final int ORGANISATION_PAGE = 20;

    private final BodyViews bodies;
    private final DossierViews dossierViews;
    private final MeetingViews meetings;
    private final EngagementFigures engagement;
    private final Checkpoints checkpoints;
    private final OrganisationPages organisations;
    private final LatestDecisions latestDecisions;

    SiteController(BodyViews bodies, DossierViews dossierViews, MeetingViews meetings,
                   EngagementFigures engagement, Checkpoints checkpoints, OrganisationPages organisations,
                   LatestDecisions latestDecisions) {
        this.latestDecisions = latestDecisions;
        this.organisations = organisations;
        this.bodies = bodies;
        this.dossierViews = dossierViews;
        this.meetings = meetings;
        this.engagement = engagement;
        this.checkpoints = checkpoints;
    }

    /** The bodies, the latest decisions (the latest first) and the latest signed checkpoint of the log. */
    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(Model model) {
        List<BodyViews.BodySummary> all = bodies.list(null).stream()
                                                .sorted(Comparator.comparing(BodyViews.BodySummary::name)).toList();
        model.addAttribute("bodies", all);
        model.addAttribute("bodyNames", namesOf(all));
        model.addAttribute("decisions", latestDecisions.latest(LATEST_DECISIONS));
        checkpoints.latest().ifPresent(latest -> {
            model.addAttribute("checkpoint", latest);
            model.addAttribute("checkpointRoot", Base64.getEncoder().encodeToString(latest.rootHash()));
        });
        return "site/home";
    }

    /**
     * One body: its plenary or its working groups, members by stakeholder group and how each was admitted, co-chairs,
     * membership requests waiting for a co-chair, composition, meetings, decisions; or as of an instant.
     */
    @GetMapping(value = "/bodies/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String body(@PathVariable @Size(max = 100) String id, @RequestParam(required = false) Instant asOf, Model model) {
        BodyDocument body = bodies.find(id, asOf)
                                  .orElseThrow(() -> new ProblemHandler.NotFound(
                                          "body", asOf == null ? id : id + " as of " + asOf));
        model.addAttribute("body", bodies.view(body, asOf));
        model.addAttribute("asOf", asOf);
        return "site/body";
    }

    /**
     * A proposal's dossier: the current text, every version with its diff, contributions and objections by
     * organisation and stakeholder group, dispositions with their reasons, outcomes with dissent, appeals and
     * corrections; or as of an instant.
     */
    @GetMapping(value = "/proposals/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String dossier(@PathVariable @Size(max = 100) String id, @RequestParam(required = false) Instant asOf,
                   Model model) {
        DossierDocument dossier = dossierViews.find(id, asOf)
                                              .orElseThrow(() -> new ProblemHandler.NotFound(
                                                      "proposal", asOf == null ? id : id + " as of " + asOf));
        model.addAttribute("dossier", dossierViews.view(dossier, asOf));
        model.addAttribute("how", HowDecided.of(dossier));
        model.addAttribute("diffs", dossierViews.readableDiffs(dossier));
        model.addAttribute("meetingTitles", meetingTitles(dossier));
        model.addAttribute("bodyName", bodies.name(dossier.bodyId()).orElse(dossier.bodyId()));
        model.addAttribute("asOf", asOf);
        return "site/dossier";
    }

    /**
     * Every event of a proposal in log order, each with a permalink (its global position), who recorded it for whom,
     * when it happened and when it was recorded, a link to its inclusion proof, and the corrections beside it.
     */
    @GetMapping(value = "/proposals/{id}/timeline", produces = MediaType.TEXT_HTML_VALUE)
    String timeline(@PathVariable @Size(max = 100) String id, Model model) {
        DossierDocument dossier = dossierViews.find(id, null)
                                              .orElseThrow(() -> new ProblemHandler.NotFound("proposal", id));
        model.addAttribute("dossier", dossier);
        model.addAttribute("names", dossierViews.organisationNames(dossier));
        model.addAttribute("meetingTitles", meetingTitles(dossier));
        return "site/timeline";
    }

    /**
     * A meeting's minutes: when it was scheduled, opened and closed (and whether that was recorded afterwards),
     * attendance, everything done in it by agenda item, each step naming its proposal, and the checkpoint that seals
     * it.
     */
    @GetMapping(value = "/meetings/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String meeting(@PathVariable @Size(max = 100) String id, Model model) {
        MeetingDocument meeting = meetings.find(id).orElseThrow(() -> new ProblemHandler.NotFound("meeting", id));
        model.addAttribute("minutes", meetings.minutes(meeting));
        model.addAttribute("bodyName", bodies.name(meeting.bodyId()).orElse(meeting.bodyId()));
        return "site/meeting";
    }

    /**
     * A body's engagement: each stakeholder group's share of contributions against its share of membership, as a
     * chart (SVG, with a text equivalent) and a table; objections accommodated or not, median time to disposition,
     * dispositions with short reasons.
     */
    @GetMapping(value = "/bodies/{id}/engagement", produces = MediaType.TEXT_HTML_VALUE)
    String engagement(@PathVariable @Size(max = 100) String id, Model model) {
        EngagementFigures.Engagement figures = engagement.of(id)
                                                         .orElseThrow(() -> new ProblemHandler.NotFound("body", id));
        model.addAttribute("figures", figures);
        model.addAttribute("names", organisations.names(
                figures.shortReasons().stream().map(EngagementFigures.ShortReasons::organisationId).toList()));
        model.addAttribute("bodyName", bodies.name(id).orElse(id));
        return "site/engagement";
    }

    /**
     * Proposals found by words (in titles, texts, objections and concerns, and in the names of the organisations that
     * took part), status and outcome (and body), most recently changed first, 20 a page; the filters in force are
     * shown, each with a link that removes it.
     */
    @GetMapping(value = "/proposals", produces = MediaType.TEXT_HTML_VALUE)
    String search(@RequestParam(required = false) @Size(max = 200) String q,
                  @RequestParam(required = false) @Size(max = 100) String body,
                  @RequestParam(required = false) ProposalStatus status,
                  @RequestParam(required = false) ProposalOutcome outcome,
                  @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page, Model model) {
        String text = q == null || q.isBlank() ? null : q.strip();
        ProposalFilter filter = new ProposalFilter(blankToNull(body), status, outcome, text, null, null);
        DossierViews.Page found = dossierViews.list(filter, null, page, SEARCH_PAGE);
        model.addAttribute("found", found);
        model.addAttribute("organisationsSearched", DossierViews.ORGANISATIONS_SEARCHED);
        model.addAttribute("names", organisations.names(
                found.items().stream().map(DossierViews.ProposalSummary::proposedBy).toList()));
        model.addAttribute("bodyNames", namesOf(bodies.list(null)));
        model.addAttribute("q", text == null ? "" : text);
        model.addAttribute("body", filter.body());
        model.addAttribute("status", filter.status());
        model.addAttribute("outcome", filter.outcome());
        model.addAttribute("statuses", ProposalStatus.values());
        model.addAttribute("outcomes", ProposalOutcome.values());
        model.addAttribute("filters", SearchFilters.of(filter, bodies::name));
        return "site/search";
    }

    /**
     * An organisation: its stakeholder group, the bodies it is a member or co-chair of (and how it was admitted to
     * each) or asks to join, its proposals, objections (with their dispositions) and other contributions, each linked
     * to its dossier: 20 of the proposals it took part in a page, the most recently changed first.
     */
    @GetMapping(value = "/organisations/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String organisation(@PathVariable @Size(max = 100) String id,
                        @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page, Model model) {
        model.addAttribute("profile", organisations.of(id, page, ORGANISATION_PAGE)
                                                   .orElseThrow(() -> new ProblemHandler.NotFound("organisation", id)));
        return "site/organisation";
    }

    /** The bodies' names, by id. */
    private static Map<String, String> namesOf(List<BodyViews.BodySummary> all) {
        return all.stream().collect(Collectors.toMap(BodyViews.BodySummary::bodyId, BodyViews.BodySummary::name));
    }

    /** The titles of the meetings the proposal's steps were taken in, by id (the pages name meetings by title). */
    private Map<String, String> meetingTitles(DossierDocument dossier) {
        Map<String, String> titles = new HashMap<>();
        dossier.timeline().stream().map(DossierDocument.Step::meetingId).filter(Objects::nonNull).distinct()
               .forEach(id -> meetings.find(id).ifPresent(meeting -> titles.put(id, meeting.title())));
        return titles;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
