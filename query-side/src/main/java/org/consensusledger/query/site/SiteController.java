package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.dossier.Dossiers;
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

/**
 * The public site's pages, rendered on the server from the same read models as the public JSON API: readable without
 * JavaScript, with nothing loaded from anywhere else. Texts are in {@code messages.properties}.
 */
@Controller
@Hidden // pages for people; the JSON API is the one the OpenAPI description documents
class SiteController {

    /** How many decisions the home page lists. */
    static final int LATEST_DECISIONS = 10;

    private final BodyViews bodies;
    private final Dossiers dossiers;
    private final Checkpoints checkpoints;

    SiteController(BodyViews bodies, Dossiers dossiers, Checkpoints checkpoints) {
        this.bodies = bodies;
        this.dossiers = dossiers;
        this.checkpoints = checkpoints;
    }

    /** The bodies, the latest decisions and the latest signed checkpoint of the log. */
    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    String home(Model model) {
        model.addAttribute("bodies", bodies.list(null).stream()
                                           .sorted(Comparator.comparing(BodyViews.BodySummary::name)).toList());
        model.addAttribute("decisions", dossiers.latestDecided(LATEST_DECISIONS));
        checkpoints.latest().ifPresent(latest -> {
            model.addAttribute("checkpoint", latest);
            model.addAttribute("checkpointRoot", Base64.getEncoder().encodeToString(latest.rootHash()));
        });
        return "site/home";
    }

    /** One body: members and co-chairs by stakeholder group, composition, meetings, decisions; or as of an instant. */
    @GetMapping(value = "/bodies/{id}", produces = MediaType.TEXT_HTML_VALUE)
    String body(@PathVariable String id, @RequestParam(required = false) Instant asOf, Model model) {
        BodyDocument body = bodies.find(id, asOf)
                                  .orElseThrow(() -> new ProblemHandler.NotFound(
                                          "body", asOf == null ? id : id + " as of " + asOf));
        model.addAttribute("body", bodies.view(body));
        model.addAttribute("asOf", asOf);
        return "site/body";
    }
}
