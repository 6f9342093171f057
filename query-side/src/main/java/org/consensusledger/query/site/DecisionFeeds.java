package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Size;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.dossier.DossierViews;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Atom feeds of decisions ({@link AtomFeed}): every body's, and one body's. Every outcome is an entry — rough
 * consensus, consensus not reached, a deferral — and so are a proposal's withdrawal and an outcome set aside on
 * appeal, each linking to its dossier page, by the time the ledger recorded it, newest first, its author the
 * organisation that declared it (or the body, when the log names none). Links are absolute, from
 * {@code ledger.audit.public-base-url}.
 */
@RestController
@Hidden // for feed readers; the JSON API is the one the OpenAPI description documents
class DecisionFeeds {

    /** How many proposals are read for a feed: each gives one entry or more. */
    static final int PROPOSALS = AtomFeed.ENTRIES;

    private final Dossiers dossiers;
    private final DossierViews dossierViews;
    private final BodyViews bodies;
    private final MessageSource messages;
    private final String base;

    DecisionFeeds(Dossiers dossiers, DossierViews dossierViews, BodyViews bodies, MessageSource messages,
                  AuditProperties audit) {
        this.dossiers = dossiers;
        this.dossierViews = dossierViews;
        this.bodies = bodies;
        this.messages = messages;
        this.base = audit.baseUrl();
    }

    @GetMapping(value = "/feeds/decisions.atom",
                produces = {AtomFeed.ATOM, AtomFeed.XML, AtomFeed.TEXT_XML})
    ResponseEntity<String> all() {
        return feed("/feeds/decisions.atom", text("feed.all.title"), dossiers.latestWithOutcomes(null, PROPOSALS));
    }

    @GetMapping(value = "/feeds/bodies/{id}/decisions.atom",
                produces = {AtomFeed.ATOM, AtomFeed.XML, AtomFeed.TEXT_XML})
    ResponseEntity<String> ofBody(@PathVariable @Size(max = 100) String id) {
        String name = bodies.name(id).orElseThrow(() -> new ProblemHandler.NotFound("body", id));
        return feed("/feeds/bodies/" + id + "/decisions.atom", text("feed.body.title", name),
                    dossiers.latestWithOutcomes(id, PROPOSALS));
    }

    private ResponseEntity<String> feed(String path, String title, List<DossierDocument> proposals) {
        List<AtomFeed.Entry> entries = new ArrayList<>();
        Map<String, String> bodyNames = new HashMap<>();
        for (DossierDocument dossier : proposals) {
            Map<String, String> names = dossierViews.organisationNames(dossier);
            String bodyName = bodyNames.computeIfAbsent(dossier.bodyId(), id -> bodies.name(id).orElse(id));
            entries.addAll(entries(dossier, names, bodyName));
        }
        return AtomFeed.ok(AtomFeed.write(base + path, base + "/", title, text("feed.author"), entries));
    }

    /** The dossier's outcomes, its withdrawal and the outcomes set aside on appeal, as entries. */
    private List<AtomFeed.Entry> entries(DossierDocument dossier, Map<String, String> names, String bodyName) {
        List<AtomFeed.Entry> entries = new ArrayList<>();
        String link = base + "/proposals/" + dossier.id();
        int index = 0;
        for (DossierDocument.Outcome outcome : dossier.outcomes()) {
            index++;
            String words = text("outcome." + outcome.outcome());
            entries.add(new AtomFeed.Entry(
                    "urn:consensus-ledger:decision:" + dossier.id() + ":" + index, dossier.title() + ": " + words,
                    link, outcome.recordedAt(), author(names, outcome.declaredBy(), bodyName),
                    text("feed.entry.summary", words, outcome.version(), outcome.dissent().size(),
                         outcome.rationale() == null ? "" : outcome.rationale())));
        }
        for (DossierDocument.Appeal appeal : dossier.appeals()) {
            if (appeal.decision() == AppealDecision.UPHELD) {
                entries.add(new AtomFeed.Entry(
                        "urn:consensus-ledger:set-aside:" + dossier.id() + ":" + appeal.appealId(),
                        dossier.title() + ": " + text("feed.setAside"), link,
                        recordedAt(dossier, appeal.decisionRecorded(), appeal.decidedAt()),
                        author(names, appeal.decidedBy(), bodyName),
                        text("feed.entry.setAside", appeal.reasons() == null ? "" : appeal.reasons())));
            }
        }
        for (DossierDocument.Step step : dossier.timeline()) {
            if ("ProposalWithdrawn".equals(step.type())) {
                entries.add(new AtomFeed.Entry(
                        "urn:consensus-ledger:withdrawal:" + dossier.id() + ":" + step.sequenceNumber(),
                        dossier.title() + ": " + text("status.WITHDRAWN"), link, step.recordedAt(),
                        author(names, step.by(), bodyName), text("feed.entry.withdrawn")));
            }
        }
        return entries;
    }

    /** When the step that recorded an entry was recorded, from the timeline; else {@code otherwise}. */
    static Instant recordedAt(DossierDocument dossier, DossierDocument.Recorded recorded, Instant otherwise) {
        if (recorded != null) {
            for (DossierDocument.Step step : dossier.timeline()) {
                if (step.globalPosition() == recorded.globalPosition()) {
                    return step.recordedAt();
                }
            }
        }
        return otherwise == null ? Instant.EPOCH : otherwise;
    }

    /** The organisation by name; the body's name when the log names no organisation (or one it does not know). */
    static String author(Map<String, String> names, String organisationId, String bodyName) {
        String name = organisationId == null ? null : names.get(organisationId);
        return name == null ? bodyName : name;
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.ENGLISH);
    }
}
