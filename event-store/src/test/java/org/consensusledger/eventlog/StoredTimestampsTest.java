package org.consensusledger.eventlog;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTimestampsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesFixedWidthUtcWithNanosecondsAndReadsItBack() {
        Instant instant = Instant.parse("2026-11-22T10:15:30.000000007Z");

        assertThat(StoredTimestamps.format(instant)).isEqualTo("2026-11-22T10:15:30.000000007Z");
        assertThat(StoredTimestamps.parse(StoredTimestamps.format(instant))).isEqualTo(instant);
    }

    @Test
    void agreesWithTheDateTimeFormatterFromYearZeroToYear9999AndBeyond() {
        SplittableRandom random = new SplittableRandom(42);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertThat(StoredTimestamps.format(instant)).isEqualTo(REFERENCE.format(instant));
            assertThat(StoredTimestamps.parse(StoredTimestamps.format(instant))).isEqualTo(instant);
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(first), Instant.ofEpochSecond(last,
                999_999_999), Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59Z")}) {
            assertThat(StoredTimestamps.format(edge)).isEqualTo(REFERENCE.format(edge));
        }
    }

    /** A read model stores whatever instant the log holds: even the extremes Java allows are kept and read back. */
    @Test
    void storesEveryInstantJavaCanHold() {
        for (Instant extreme : new Instant[] {Instant.MIN, Instant.MAX,
                Instant.parse("-1000000000-01-01T00:00:00Z"), Instant.parse("+1000000000-12-31T23:59:59.999999999Z"),
                Instant.parse("+999999999-12-31T23:59:59.999999999Z"), Instant.ofEpochSecond(-62_167_219_201L)}) {
            assertThat(StoredTimestamps.parse(StoredTimestamps.format(extreme))).as("%s", extreme).isEqualTo(extreme);
        }
    }

    @Test
    void readsOtherIsoInstantsAsInstantParseDoesAndRejectsWhatItRejects() {
        for (String text : new String[] {"2026-11-22T10:15:30Z", "2026-11-22T10:15:30.5Z", "+10000-01-01T00:00:00Z"}) {
            assertThat(StoredTimestamps.parse(text)).isEqualTo(Instant.parse(text));
        }
        for (String bad : new String[] {"2026-13-22T10:15:30.000000000Z", "2026-02-30T10:15:30.000000000Z",
                "2026-11-22T24:15:30.000000000Z", "2026-11-2xT10:15:30.000000000Z", "yesterday"}) {
            assertThatThrownBy(() -> StoredTimestamps.parse(bad)).as(bad).isInstanceOf(DateTimeException.class);
        }
    }
}
