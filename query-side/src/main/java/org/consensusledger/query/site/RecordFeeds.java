package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Size;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.dossier.DossierViews;
import org.consensusledger.query.projection.StoredEvents;
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
 * Atom feeds ({@link AtomFeed}) of a body's meetings — each scheduled, opened, closed or cancelled, as the log
 * recorded it — and of one proposal's steps (its timeline, each entry linking to its place there). Entries' authors
 * are the organisations who acted, or the body when the log names none.
 */
@RestController
@Hidden // for feed readers; the JSON API is the one the OpenAPI description documents
class RecordFeeds {

    private final BodyViews bodies;
    private final DossierViews dossiers;
    private final StoredEvents log;
    private final MessageSource messages;
    private final String base;

    RecordFeeds(BodyViews bodies, DossierViews dossiers, StoredEvents log, MessageSource messages,
                AuditProperties audit) {
        this.bodies = bodies;
        this.dossiers = dossiers;
        this.log = log;
        this.messages = messages;
        this.base = audit.baseUrl();
    }

    @GetMapping(value = "/bodies/{id}/meetings.atom",
                produces = {AtomFeed.ATOM, AtomFeed.XML, AtomFeed.TEXT_XML})
    ResponseEntity<String> meetings(@PathVariable @Size(max = 100) String id) {
        BodyDocument body = bodies.find(id, null).orElseThrow(() -> new ProblemHandler.NotFound("body", id));
        Map<String, String> names = bodies.view(body, null).organisationNames();
        Map<String, BodyDocument.MeetingSummary> meetings = new HashMap<>();
        body.meetings().forEach(meeting -> meetings.put(meeting.meetingId(), meeting));
        List<AtomFeed.Entry> entries = new ArrayList<>();
        for (StoredEvents.Stored stored : log.recordedUpTo(meetings.keySet(), Instant.now())) {
            Object event = stored.payload();
            String by;
            if (event instanceof MeetingScheduled) {
                by = null;
            } else if (event instanceof MeetingOpened opened) {
                by = opened.openedBy();
            } else if (event instanceof MeetingClosed closed) {
                by = closed.closedBy();
            } else if (event instanceof MeetingCancelled cancelled) {
                by = cancelled.cancelledBy();
            } else {
                continue;
            }
            String type = event.getClass().getSimpleName();
            BodyDocument.MeetingSummary meeting = meetings.get(((org.consensusledger.events.meeting.MeetingEvent) event)
                                                                        .meetingId());
            entries.add(new AtomFeed.Entry(
                    "urn:consensus-ledger:event:" + stored.eventId(),
                    meeting.title() + ": " + text("step." + type), base + "/meetings/" + meeting.meetingId(),
                    stored.recordedAt(), DecisionFeeds.author(names, by, body.name()),
                    text("feed.meeting.summary", text("step." + type), meeting.title(), meeting.startsAt().toString(),
                         meeting.location() == null ? "" : meeting.location())));
        }
        String path = "/bodies/" + id + "/meetings.atom";
        return AtomFeed.ok(AtomFeed.write(base + path, base + "/bodies/" + id,
                                                text("feed.meetings.title", body.name()), body.name(), entries));
    }

    @GetMapping(value = "/proposals/{id}/steps.atom",
                produces = {AtomFeed.ATOM, AtomFeed.XML, AtomFeed.TEXT_XML})
    ResponseEntity<String> steps(@PathVariable @Size(max = 100) String id) {
        DossierDocument dossier = dossiers.find(id, null)
                                          .orElseThrow(() -> new ProblemHandler.NotFound("proposal", id));
        Map<String, String> names = dossiers.organisationNames(dossier);
        String bodyName = bodies.name(dossier.bodyId()).orElse(dossier.bodyId());
        List<AtomFeed.Entry> entries = new ArrayList<>();
        for (DossierDocument.Step step : dossier.timeline()) {
            String what = text("step." + step.type());
            String who = step.by() == null ? text("recorder.SECRETARIAT") : names.getOrDefault(step.by(), step.by());
            entries.add(new AtomFeed.Entry(
                    "urn:consensus-ledger:event:" + step.eventId(), dossier.title() + ": " + what,
                    base + "/proposals/" + id + "/timeline#event-" + step.globalPosition(), step.recordedAt(),
                    DecisionFeeds.author(names, step.by(), bodyName),
                    text("feed.step.summary", what, who, step.globalPosition())));
        }
        String path = "/proposals/" + id + "/steps.atom";
        return AtomFeed.ok(AtomFeed.write(base + path, base + "/proposals/" + id,
                                                text("feed.steps.title", dossier.title()), bodyName, entries));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.ENGLISH);
    }
}
