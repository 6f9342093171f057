package org.consensusledger.eventlog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps are stored as fixed-width UTC strings with nanoseconds ({@code 2026-11-22T10:15:30.123456789Z}): exact,
 * readable, and ordered the same way as text and as instants, so range queries need no date type.
 */
public final class StoredTimestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private StoredTimestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static Instant parse(String stored) {
        return Instant.parse(stored);
    }
}
