package org.consensusledger.query.site;

import org.consensusledger.web.InstantWindow;
import org.consensusledger.web.RefusedInput;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * "View as of" as a reader writes it on the site: a date ({@code 2026-12-04}: the end of that day in the reader's
 * time zone), a date and time ({@code 2026-12-04 20:09} or {@code 2026-12-04T20:09}, seconds optional: the end of
 * that minute, or that second, in the reader's zone), or an exact instant with its offset ({@code
 * 2026-12-04T20:09:00Z}, {@code 2026-12-04T21:09:00+01:00}). Anything else is refused in words naming what was typed
 * (cut, its control characters written as code points); so is a day the calendar lacks ({@code 2026-02-30}), a year
 * of more than four digits or an instant outside the ledger's window ({@link InstantWindow}). The JSON API keeps its
 * exact-instant contract: this reads the site's parameters only ({@link AsOfParameter}).
 */
final class AsOf {

    /** Longer than any form this reads. */
    static final int MAX_LENGTH = 64;

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter STRICT_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
                                                                         .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter STRICT_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]")
                                                                              .withResolverStyle(ResolverStyle.STRICT);

    private final InstantWindow window;
    private final MessageSource messages;

    AsOf(InstantWindow window, MessageSource messages) {
        this.window = window;
        this.messages = messages;
    }

    /** The instant a reader's text names in {@code zone}; null for none (an empty field). */
    Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw refused("asOf.refused.tooLong", text);
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)
                || Character.getType(c) == Character.FORMAT)) {
            throw refused("asOf.refused.control", text);
        }
        String value = text.strip();
        Instant instant;
        try {
            if (DATE.matcher(value).matches()) {
                instant = LocalDate.parse(value, STRICT_DATE).plusDays(1).atStartOfDay(zone).toInstant()
                                   .minusNanos(1);
            } else if (DATE_TIME.matcher(value).matches()) {
                LocalDateTime local = LocalDateTime.parse(value.replace('T', ' '), STRICT_DATE_TIME);
                Duration span = value.length() > "2026-12-04 20:09".length() ? Duration.ofSeconds(1)
                        : Duration.ofMinutes(1);
                instant = local.atZone(zone).toInstant().plus(span).minusNanos(1);
            } else if (INSTANT.matcher(value).matches()) {
                instant = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } else {
                throw refused("asOf.refused.unreadable", text);
            }
        } catch (DateTimeParseException e) {
            throw refused("asOf.refused.noSuchDay", text);
        } catch (DateTimeException | ArithmeticException e) {
            throw refused("asOf.refused.outside", text);
        }
        if (!window.contains(instant)) {
            throw refused("asOf.refused.outside", text);
        }
        return instant;
    }

    /** The instant as the form shows it back: {@code 2026-12-04 20:09} when that reads it again, else exact. */
    static String typed(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        LocalDateTime local = instant.atZone(zone).toLocalDateTime();
        boolean endOfMinute = local.getSecond() == 59 && local.getNano() == 999_999_999;
        return endOfMinute ? local.withSecond(0).withNano(0).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"))
                : instant.toString();
    }

    private RefusedInput refused(String key, String text) {
        Object[] arguments = {Shown.of(text), window.earliestInstant().atZone(ZoneId.of("UTC")).getYear(),
                window.latestInstant().atZone(ZoneId.of("UTC")).getYear()};
        return new RefusedInput(messages.getMessage(key, arguments, LocaleContextHolder.getLocale()));
    }
}
