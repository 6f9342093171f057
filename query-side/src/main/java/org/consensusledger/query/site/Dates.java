package org.consensusledger.query.site;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as the site shows them: to the minute, always with their time zone (UTC), as {@code @dates} in pages. */
@Component("dates")
class Dates {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                                                                    .withZone(ZoneOffset.UTC);

    /** e.g. {@code 2026-03-04 09:30 UTC}; empty for none. */
    public String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** A duration as people read it, to the minute when it is longer than one: {@code 2 d 3 h}, {@code 45 min}. */
    public String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + " s";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + rest + " min" : rest + " min";
    }

    /** The exact instant, for a {@code <time datetime>} attribute. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
