package org.consensusledger.query.site;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.BodyViews;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Instants as the site shows them, as {@code @dates} in pages: to the minute, in the reader's time zone
 * ({@link ReaderZone}) with UTC beside it, formatted for the request's language (in English {@code March 4, 2026,
 * 10:30 AM CET (9:30 AM UTC)}); a meeting's times also in its body's own zone; durations in words from the messages
 * bundle.
 * Outside a request (no reader) the zone is UTC.
 */
@Component("dates")
class Dates {

    /** The request attribute that keeps the time zones of the bodies a page has looked up. */
    private static final String BODY_ZONES = Dates.class.getName() + ".bodyZones";

    /** The instants shown as dates; others (which a zone's calendar cannot hold) are shown as ISO-8601 text. */
    private static final Instant EARLIEST = Instant.parse("-9999-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final MessageSource messages;
    private final BodyViews bodies;

    Dates(MessageSource messages, BodyViews bodies) {
        this.messages = messages;
        this.bodies = bodies;
    }

    /**
     * In the reader's zone with UTC beside it, e.g. {@code March 4, 2026, 10:30 AM CET (9:30 AM UTC)}; just
     * {@code March 4, 2026, 9:30 AM UTC} for a reader in UTC; empty for none.
     */
    public String format(Instant instant) {
        return format(instant, ReaderZone.current(), LocaleContextHolder.getLocale());
    }

    String format(Instant instant, ZoneId reader, Locale locale) {
        if (instant == null) {
            return "";
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return instant.toString(); // no calendar date (a witness's cosignature may say any second up to 2^63)
        }
        String there = at(instant, reader, locale);
        if (isUtc(reader)) {
            return there;
        }
        return text("dates.utcBeside", locale, there, utcBeside(instant, reader, locale));
    }

    /**
     * A meeting's time in its body's own zone and in the reader's (with UTC), e.g. {@code March 4, 2026, 10:30 AM in
     * Europe/Zurich · 9:30 AM UTC} for a reader in UTC or Zurich, {@code March 4, 2026, 10:30 AM in Europe/Zurich ·
     * March 4, 2026, 4:30 AM EST (9:30 AM UTC)} for one in New York; as {@link #format(Instant)} when the body keeps
     * UTC.
     */
    public String inZone(Instant instant, String bodyZone) {
        return inZone(instant, bodyZone, ReaderZone.current(), LocaleContextHolder.getLocale());
    }

    String inZone(Instant instant, String bodyZone, ZoneId reader, Locale locale) {
        if (instant == null) {
            return "";
        }
        Optional<ZoneId> zone = ReaderZone.parse(bodyZone);
        if (zone.isEmpty() || isUtc(zone.get())) {
            return format(instant, reader, locale);
        }
        String body = text("dates.inBodyZone", locale, date(instant, zone.get(), locale),
                           time(instant, zone.get(), locale), bodyZone);
        // A reader in the body's zone or in UTC is told the UTC time (with its date only if it is another day).
        String forReader = reader.equals(zone.get()) || isUtc(reader)
                ? text("dates.utcOnly", locale, utcBeside(instant, zone.get(), locale))
                : format(instant, reader, locale);
        return text("dates.bodyAndReader", locale, body, forReader);
    }

    /** A meeting's time in the zone of the body it belongs to and in the reader's (as {@link #inZone}). */
    public String meeting(Instant instant, String bodyId) {
        return inZone(instant, bodyZone(bodyId));
    }

    /** The body's time zone id (null: UTC, or no such body), looked up once a request. */
    @SuppressWarnings("unchecked")
    String bodyZone(String bodyId) {
        if (bodyId == null) {
            return null;
        }
        HttpServletRequest request = ReaderZone.currentRequest();
        Map<String, Optional<String>> known = request == null ? null
                : (Map<String, Optional<String>>) request.getAttribute(BODY_ZONES);
        if (request != null && known == null) {
            known = new HashMap<>();
            request.setAttribute(BODY_ZONES, known);
        }
        if (known == null) {
            return bodies.find(bodyId, null).map(BodyDocument::timeZone).orElse(null);
        }
        return known.computeIfAbsent(bodyId, id -> bodies.find(id, null).map(BodyDocument::timeZone)).orElse(null);
    }

    /** The exact instant, for a {@code <time datetime>} attribute. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A duration in words, to the minute when it is longer than one: {@code 2 days 3 hours}, {@code 45 minutes}. */
    public String duration(Duration duration) {
        return duration(duration, LocaleContextHolder.getLocale());
    }

    String duration(Duration duration, Locale locale) {
        if (duration == null) {
            return "";
        }
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return text("duration.seconds", locale, Math.max(0, duration.toSeconds()));
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long rest = minutes % 60;
        if (days > 0) {
            String d = text("duration.days", locale, days);
            return hours == 0 ? d : text("duration.pair", locale, d, text("duration.hours", locale, hours));
        }
        if (hours > 0) {
            String h = text("duration.hours", locale, hours);
            return rest == 0 ? h : text("duration.pair", locale, h, text("duration.minutes", locale, rest));
        }
        return text("duration.minutes", locale, rest);
    }

    /** The reader's zone id, as the zone switch shows it. */
    public String zone() {
        ZoneId zone = ReaderZone.current();
        return isUtc(zone) ? "UTC" : zone.getId();
    }

    /** The reader's zone in words, e.g. {@code Central European Time (Europe/Zurich)}. */
    public String zoneName() {
        ZoneId zone = ReaderZone.current();
        return isUtc(zone) ? "UTC"
                : zone.getDisplayName(TextStyle.FULL, LocaleContextHolder.getLocale()) + " (" + zone.getId() + ")";
    }

    /** The {@code tz} parameter when it names a zone (forms keep it, for a reader whose browser keeps no cookie). */
    public String zoneParameter() {
        HttpServletRequest request = ReaderZone.currentRequest();
        String value = request == null ? null : request.getParameter(ReaderZone.PARAMETER);
        return ReaderZone.parse(value).isPresent() ? value : null;
    }

    /** The zones the switch proposes. */
    public List<String> zones() {
        return ReaderZone.COMMON;
    }

    /** The {@code tz} value this request carried that names no zone (cut and made printable), else null. */
    public String refusedZone() {
        String refused = ReaderZone.refused(ReaderZone.currentRequest());
        return refused == null ? null : Shown.of(refused);
    }

    /**
     * The request's other query parameters (not {@code tz}), which the zone switch keeps as hidden fields: not the
     * long ones or those with control characters (which no form of the site sends).
     */
    public List<Map.Entry<String, String>> keptParameters() {
        HttpServletRequest request = ReaderZone.currentRequest();
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        if (request == null) {
            return kept;
        }
        request.getParameterMap().forEach((name, values) -> {
            if (!ReaderZone.PARAMETER.equals(name) && name.length() <= 40) {
                for (String value : values) {
                    if (value.length() <= 1000 && value.codePoints().noneMatch(Character::isISOControl)) {
                        kept.add(Map.entry(name, value));
                    }
                }
            }
        });
        return kept;
    }

    private String at(Instant instant, ZoneId zone, Locale locale) {
        ZonedDateTime there = instant.atZone(zone);
        String name = isUtc(zone) ? "UTC" : DateTimeFormatter.ofPattern("zzz", locale).format(there);
        return text("dates.at", locale, date(instant, zone, locale), time(instant, zone, locale), name);
    }

    /** The UTC time beside a time elsewhere: the time alone on the same day, else the date too. */
    private String utcBeside(Instant instant, ZoneId reader, Locale locale) {
        boolean sameDay = instant.atZone(reader).toLocalDate().equals(instant.atZone(ReaderZone.UTC).toLocalDate());
        return sameDay ? time(instant, ReaderZone.UTC, locale)
                : text("dates.dateAndTime", locale, date(instant, ReaderZone.UTC, locale),
                       time(instant, ReaderZone.UTC, locale));
    }

    private static String date(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(instant.atZone(zone));
    }

    private static String time(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(instant.atZone(zone));
    }

    private static boolean isUtc(ZoneId zone) {
        return zone.equals(ReaderZone.UTC) || zone.getId().equals("UTC") || zone.getId().equals("Etc/UTC");
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
