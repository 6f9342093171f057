package org.consensusledger.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Instant;

/**
 * The instants a request may carry ({@code ledger.api.earliest-instant} inclusive to {@code ledger.api.latest-instant}
 * exclusive; by default 1970 to 2200), on both sides: in a command's body and in a query's parameters. An instant
 * far outside any meeting's life is a mistake or an attack, and some cannot be stored or shown at all (MongoDB keeps
 * dates to years ±292 million; pages format four-digit years).
 */
@ConfigurationProperties("ledger.api")
public record InstantWindow(@DefaultValue("1970-01-01T00:00:00Z") Instant earliestInstant,
                            @DefaultValue("2200-01-01T00:00:00Z") Instant latestInstant) {

    public InstantWindow {
        if (!earliestInstant.isBefore(latestInstant)) {
            throw new IllegalArgumentException("ledger.api.earliest-instant " + earliestInstant
                                                       + " must be before ledger.api.latest-instant " + latestInstant);
        }
    }

    /** The default window, for code that runs without Spring's configuration (tests). */
    public static InstantWindow defaults() {
        return new InstantWindow(Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2200-01-01T00:00:00Z"));
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(earliestInstant) && instant.isBefore(latestInstant);
    }

    /** @throws RefusedInput saying the window, when the instant lies outside it */
    public Instant require(Instant instant) {
        if (instant != null && !contains(instant)) {
            throw new RefusedInput("must lie between " + earliestInstant + " (inclusive) and " + latestInstant
                                           + " (exclusive)");
        }
        return instant;
    }
}
