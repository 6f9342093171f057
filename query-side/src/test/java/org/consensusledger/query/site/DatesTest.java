package org.consensusledger.query.site;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** How the site writes instants and durations: the reader's zone with UTC beside, the body's zone, words. */
class DatesTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private final Dates dates = new Dates(messages(), null);

    @Test
    void anInstantIsShownInTheReadersZoneWithUtcBesideIt() {
        assertThat(dates.format(AT, ReaderZone.UTC, Locale.ENGLISH)).isEqualTo("March 4, 2026, 9:30 AM UTC");
        assertThat(dates.format(AT, ZoneId.of("Europe/Zurich"), Locale.ENGLISH))
                .isEqualTo("March 4, 2026, 10:30 AM CET (9:30 AM UTC)");
        // Another day there: UTC beside with its own date.
        assertThat(dates.format(Instant.parse("2026-03-04T23:30:00Z"), ZoneId.of("Asia/Tokyo"), Locale.ENGLISH))
                .isEqualTo("March 5, 2026, 8:30 AM JST (March 4, 2026, 11:30 PM UTC)");
        assertThat(dates.format(null, ReaderZone.UTC, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void anInstantNoCalendarHoldsIsShownAsItIs() {
        // A witness's cosignature may carry any second up to 2^63; the page must still be served.
        Instant far = Instant.ofEpochSecond(Instant.MAX.getEpochSecond());
        assertThat(dates.format(far, ZoneId.of("Asia/Tokyo"), Locale.ENGLISH)).isEqualTo(far.toString());
        assertThat(dates.format(Instant.MIN, ReaderZone.UTC, Locale.ENGLISH)).isEqualTo(Instant.MIN.toString());
        assertThat(dates.format(Instant.parse("9999-01-01T00:00:00Z"), ReaderZone.UTC, Locale.ENGLISH))
                .startsWith("January 1, 9999");
    }

    @Test
    void theDateAndTimeAreWrittenForTheLanguage() {
        assertThat(dates.format(AT, ZoneId.of("Europe/Paris"), Locale.FRENCH)).startsWith("4 mars 2026, 10:30");
    }

    @Test
    void aMeetingsTimeIsShownInItsBodysZoneAndTheReaders() {
        assertThat(dates.inZone(AT, "Europe/Zurich", ReaderZone.UTC, Locale.ENGLISH))
                .isEqualTo("March 4, 2026, 10:30 AM in Europe/Zurich · 9:30 AM UTC");
        // Another day in UTC than in the body's zone: UTC with its date.
        assertThat(dates.inZone(Instant.parse("2026-03-04T23:30:00Z"), "Asia/Tokyo", ReaderZone.UTC, Locale.ENGLISH))
                .isEqualTo("March 5, 2026, 8:30 AM in Asia/Tokyo · March 4, 2026, 11:30 PM UTC");
        assertThat(dates.inZone(AT, "Europe/Zurich", ZoneId.of("Europe/Zurich"), Locale.ENGLISH))
                .isEqualTo("March 4, 2026, 10:30 AM in Europe/Zurich · 9:30 AM UTC");
        assertThat(dates.inZone(AT, "America/New_York", ZoneId.of("Europe/Zurich"), Locale.ENGLISH))
                .isEqualTo("March 4, 2026, 4:30 AM in America/New_York · March 4, 2026, 10:30 AM CET (9:30 AM UTC)");
        // A body in UTC, or none known: as any other time.
        assertThat(dates.inZone(AT, null, ReaderZone.UTC, Locale.ENGLISH)).isEqualTo("March 4, 2026, 9:30 AM UTC");
        assertThat(dates.inZone(AT, "UTC", ReaderZone.UTC, Locale.ENGLISH)).isEqualTo("March 4, 2026, 9:30 AM UTC");
    }

    @Test
    void durationsAreInWords() {
        assertThat(dates.duration(Duration.ofMinutes(125), Locale.ENGLISH)).isEqualTo("2 hours 5 minutes");
        assertThat(dates.duration(Duration.ofMinutes(60 * 51), Locale.ENGLISH)).isEqualTo("2 days 3 hours");
        assertThat(dates.duration(Duration.ofDays(1), Locale.ENGLISH)).isEqualTo("1 day");
        assertThat(dates.duration(Duration.ofMinutes(61), Locale.ENGLISH)).isEqualTo("1 hour 1 minute");
        assertThat(dates.duration(Duration.ofMinutes(45), Locale.ENGLISH)).isEqualTo("45 minutes");
        assertThat(dates.duration(Duration.ofSeconds(1), Locale.ENGLISH)).isEqualTo("1 second");
        assertThat(dates.duration(Duration.ofSeconds(-5), Locale.ENGLISH)).isEqualTo("0 seconds");
        assertThat(dates.duration(null, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void onlyIanaZoneIdsAreTaken() {
        assertThat(ReaderZone.parse("Europe/Zurich")).contains(ZoneId.of("Europe/Zurich"));
        assertThat(ReaderZone.parse("UTC")).contains(ReaderZone.UTC);
        assertThat(ReaderZone.parse("../x")).isEmpty();
        assertThat(ReaderZone.parse("Mars/Base")).isEmpty();
        assertThat(ReaderZone.parse("+01:00")).isEmpty();
        assertThat(ReaderZone.parse("Europe/Zurich\n")).isEmpty();
        assertThat(ReaderZone.parse("x".repeat(10_000))).isEmpty();
        assertThat(ReaderZone.parse(null)).isEmpty();
    }

    @Test
    void whatAReaderTypedIsShownCutAndPrintable() {
        assertThat(Shown.of("2026-12-04\u0007")).isEqualTo("2026-12-04U+0007");
        assertThat(Shown.of("a\uD800b")).isEqualTo("aU+D800b");
        assertThat(Shown.of("2".repeat(10_000))).hasSize(Shown.MAX_LENGTH + 1).endsWith("…");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
