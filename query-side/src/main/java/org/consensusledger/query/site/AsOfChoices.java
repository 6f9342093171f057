package org.consensusledger.query.site;

import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the "view as of" form offers ({@code asOfForm} in {@code site/fragments.html}), as {@code @asOfChoices} in
 * pages: the instant shown, as the reader may type it again, and the close of each of the body's meetings, latest
 * first: the instant its closing was recorded (a meeting recorded after the fact is closed in the record only then),
 * named by the time it closed.
 */
@Component("asOfChoices")
class AsOfChoices {

    /** One meeting's close: the instant as the form sends it, and the option's words. */
    public record Choice(String value, String label) {
    }

    private final BodyViews bodies;
    private final Dates dates;
    private final MessageSource messages;

    AsOfChoices(BodyViews bodies, Dates dates, MessageSource messages) {
        this.bodies = bodies;
        this.dates = dates;
        this.messages = messages;
    }

    /** The instant shown, in the reader's zone as the form reads it ({@code 2026-12-04 20:09}), or exact. */
    public String typed(Instant asOf) {
        return AsOf.typed(asOf, ReaderZone.current());
    }

    /** The closes of the body's meetings, latest first (none for an unknown body). */
    public List<Choice> meetings(String bodyId) {
        if (bodyId == null) {
            return List.of();
        }
        return bodies.find(bodyId, null).map(BodyDocument::meetings).orElse(List.of()).stream()
                     .filter(m -> m.closedAt() != null)
                     .sorted(Comparator.comparing(BodyDocument.MeetingSummary::closedAt).reversed())
                     .map(m -> new Choice(
                             dates.iso(m.closeRecordedAt() == null ? m.closedAt() : m.closeRecordedAt()),
                             messages.getMessage("asOf.meeting.option",
                                                 new Object[]{m.title(), dates.format(m.closedAt())},
                                                 LocaleContextHolder.getLocale())))
                     .toList();
    }
}
