package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Size;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;

/**
 * Each body's meetings as an iCalendar feed (RFC 5545, written with ical4j), for a calendar application to subscribe
 * to: one event per meeting, its UID the meeting's id (stable for good), starting at its scheduled time in UTC, ending
 * when it was closed, cancelled meetings as {@code STATUS:CANCELLED}, each linking to its minutes. Times stay in UTC
 * even for a body that names its time zone ({@link BodyDocument#timeZone()}): a time in a named zone would need the
 * zone's rules written out as a {@code VTIMEZONE}, while a UTC time is valid and unambiguous as it is, and every
 * calendar application shows it in its reader's own zone. Each event has exactly one {@code DTSTAMP}, the last change
 * the ledger knows of the meeting (not the time of the request), so that the calendar is the same, byte for byte,
 * until a meeting changes.
 */
@RestController
@Hidden // for calendar applications; errors are the site's pages, like the feeds'
class BodyCalendar {

    static final String CALENDAR = "text/calendar;charset=UTF-8";

    private final BodyViews bodies;
    private final String base;
    private final String host;

    BodyCalendar(BodyViews bodies, AuditProperties audit) {
        this.bodies = bodies;
        this.base = audit.baseUrl();
        String found = audit.publicBaseUrl().getHost();
        this.host = found == null ? "consensus-ledger" : found;
    }

    @GetMapping(value = "/bodies/{id}/calendar.ics", produces = CALENDAR)
    ResponseEntity<String> calendar(@PathVariable @Size(max = 100) String id) {
        BodyDocument body = bodies.find(id, null).orElseThrow(() -> new ProblemHandler.NotFound("body", id));
        Calendar calendar = new Calendar().withProdId("-//Consensus Ledger//Meetings//EN").withDefaults()
                                          .withProperty(new XProperty("X-WR-CALNAME", text(body.name())))
                                          .getFluentTarget();
        for (BodyDocument.MeetingSummary meeting : body.meetings()) {
            calendar.add(event(body, meeting));
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseEntity.ok().header("Content-Type", CALENDAR).body(out.toString());
    }

    private VEvent event(BodyDocument body, BodyDocument.MeetingSummary meeting) {
        VEvent event = new VEvent(meeting.startsAt(), text(meeting.title()));
        event.add(new Uid(meeting.meetingId() + "@" + host));
        // replaces the DTSTAMP the constructor set to the time of rendering: RFC 5545 allows one
        event.replace(new DtStamp(lastChange(body, meeting)));
        if (meeting.closedAt() != null && meeting.closedAt().isAfter(meeting.startsAt())) {
            event.add(new DtEnd<>(meeting.closedAt()));
        }
        if (meeting.location() != null && !meeting.location().isBlank()) {
            event.add(new Location(text(meeting.location())));
        }
        event.add("CANCELLED".equals(meeting.status()) ? ImmutableStatus.VEVENT_CANCELLED
                          : ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new Url(URI.create(base + "/meetings/" + meeting.meetingId())));
        return event;
    }

    /** DTSTAMP: the latest time the ledger knows of the meeting (so that the feed is the same until it changes). */
    private static Instant lastChange(BodyDocument body, BodyDocument.MeetingSummary meeting) {
        Instant last = body.establishedAt();
        for (Instant known : new Instant[] {meeting.openedAt(), meeting.closedAt()}) {
            if (known != null && known.isAfter(last)) {
                last = known;
            }
        }
        return last;
    }

    /** A recorded text fit for an iCalendar TEXT value: control characters (but line breaks) as U+FFFD. */
    static String text(String recorded) {
        if (recorded == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(recorded.length());
        recorded.codePoints().forEach(c -> {
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0xd800 && c <= 0xdfff)
                    || c == 0xfffe || c == 0xffff;
            clean.appendCodePoint(control ? 0xfffd : c);
        });
        return clean.toString();
    }
}
