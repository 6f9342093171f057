package org.consensusledger.query.site;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Size;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.web.XmlText;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Atom feeds of decisions (with Rome): every body's, and one body's; the latest decided first (by the position of
 * their last event), each entry linking
 * to its dossier page, with its outcome, decided version and dissent. Links are absolute, from
 * {@code ledger.audit.public-base-url}. Every text is made fit for XML first ({@link XmlText}): a stored title
 * holding a character XML forbids must not break the feed for everyone.
 */
@RestController
@Hidden // for feed readers; the JSON API is the one the OpenAPI description documents
class DecisionFeeds {

    static final String ATOM = "application/atom+xml;charset=UTF-8";
    /** How many decisions a feed holds. */
    static final int ENTRIES = 50;

    private final Dossiers dossiers;
    private final BodyViews bodies;
    private final MessageSource messages;
    private final String base;

    DecisionFeeds(Dossiers dossiers, BodyViews bodies, MessageSource messages, AuditProperties audit) {
        this.dossiers = dossiers;
        this.bodies = bodies;
        this.messages = messages;
        String url = audit.publicBaseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @GetMapping(value = "/feeds/decisions.atom", produces = ATOM)
    ResponseEntity<String> all() {
        return feed("/feeds/decisions.atom", text("feed.all.title"), dossiers.latestDecided(null, ENTRIES));
    }

    @GetMapping(value = "/feeds/bodies/{id}/decisions.atom", produces = ATOM)
    ResponseEntity<String> ofBody(@PathVariable @Size(max = 100) String id) {
        String name = bodies.name(id).orElseThrow(() -> new ProblemHandler.NotFound("body", id));
        return feed("/feeds/bodies/" + id + "/decisions.atom", text("feed.body.title", name),
                    dossiers.latestDecided(id, ENTRIES));
    }

    private ResponseEntity<String> feed(String path, String title, List<DossierDocument> decided) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(XmlText.clean(title));
        feed.setUri(XmlText.clean(base + path));
        feed.setLink(base + "/");
        SyndLink self = new SyndLinkImpl();
        self.setRel("self");
        self.setHref(XmlText.clean(base + path));
        feed.setLinks(List.of(self));
        feed.setPublishedDate(Date.from(decided.isEmpty() ? Instant.EPOCH : decidedAt(decided.get(0))));
        List<SyndEntry> entries = new ArrayList<>();
        for (DossierDocument dossier : decided) {
            DossierDocument.Outcome outcome = dossier.outcomes().get(dossier.outcomes().size() - 1);
            SyndEntry entry = new SyndEntryImpl();
            entry.setUri(XmlText.clean("urn:consensus-ledger:decision:" + dossier.id() + ":"
                                               + dossier.outcomes().size()));
            entry.setTitle(XmlText.clean(dossier.title() + ": " + text("outcome." + outcome.outcome())));
            entry.setLink(XmlText.clean(base + "/proposals/" + dossier.id()));
            entry.setUpdatedDate(Date.from(outcome.recordedAt()));
            entry.setPublishedDate(Date.from(outcome.recordedAt()));
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(XmlText.clean(text("feed.entry.summary", text("outcome." + outcome.outcome()),
                                                outcome.version(), outcome.dissent().size(),
                                                outcome.rationale() == null ? "" : outcome.rationale())));
            entry.setDescription(summary);
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return ResponseEntity.ok(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("The feed " + path + " could not be written", e);
        }
    }

    private static Instant decidedAt(DossierDocument dossier) {
        return dossier.outcomes().get(dossier.outcomes().size() - 1).recordedAt();
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.ENGLISH);
    }
}
