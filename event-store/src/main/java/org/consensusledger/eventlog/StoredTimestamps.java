package org.consensusledger.eventlog;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Timestamps are stored as fixed-width UTC strings with nanoseconds ({@code 2026-11-22T10:15:30.123456789Z}): exact,
 * readable, and ordered the same way as text and as instants, so range queries need no date type.
 */
public final class StoredTimestamps {

    /** Every instant Java can hold, years before 0 and after 9999 included (ISO-8601's expanded years). */
    private static final DateTimeFormatter ANY = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years written in the fixed-width form. */
    private static final long FIXED_WIDTH_FROM = -62_167_219_200L;
    private static final long FIXED_WIDTH_UNTIL = 253_402_300_800L;

    private StoredTimestamps() {
    }

    /**
     * The stored form of any instant: fixed width for the years 0 to 9999; beyond them (which nothing the ledger
     * records holds, but a read model must store whatever the log says) ISO-8601 with a signed, expanded year.
     */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIXED_WIDTH_FROM || seconds >= FIXED_WIDTH_UNTIL) {
            return ANY.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
        int year = time.getYear();
        // The formatter's result, written directly: read models write several timestamps per document.
        byte[] text = new byte[30];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, time.getNano(), 9);
        text[29] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    public static Instant parse(String stored) {
        if (stored.length() != 30 || stored.charAt(4) != '-' || stored.charAt(7) != '-' || stored.charAt(10) != 'T'
                || stored.charAt(13) != ':' || stored.charAt(16) != ':' || stored.charAt(19) != '.'
                || stored.charAt(29) != 'Z') {
            return Instant.parse(stored);
        }
        // The stored form, read directly (every event's timestamp is read when it is handled).
        int year = number(stored, 0, 4);
        int month = number(stored, 5, 2);
        int day = number(stored, 8, 2);
        int hour = number(stored, 11, 2);
        int minute = number(stored, 14, 2);
        int second = number(stored, 17, 2);
        int nano = number(stored, 20, 9);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nano < 0) {
            return Instant.parse(stored);
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return Instant.parse(stored);
        }
    }

    /** The decimal number in {@code text} at {@code [at, at + width)}, or -1 if a character is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }
}
