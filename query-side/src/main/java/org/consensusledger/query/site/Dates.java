package org.consensusledger.query.site;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the site shows them: to the minute, always with their time zone (UTC), as {@code @dates} in pages. */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                                                                    .withZone(ZoneOffset.UTC);

    /** e.g. {@code 2026-03-04 09:30 UTC}; empty for none. */
    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** The exact instant, for a {@code <time datetime>} attribute. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
