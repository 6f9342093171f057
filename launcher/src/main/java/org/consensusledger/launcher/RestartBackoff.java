package org.consensusledger.launcher;

import java.time.Duration;

/**
 * How long the launcher waits before starting a crashed application again: 1 s after the first crash, twice as long
 * after each crash that follows (up to a minute), and 1 s again once the application had run well for 5 minutes
 * before it crashed. An application that cannot start (a broken option, a port someone else took) is so tried again
 * about once a minute instead of in a tight loop, and one that crashes once in a long while comes back at once.
 */
final class RestartBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);
    static final Duration RAN_WELL = Duration.ofMinutes(5);

    private Duration next = FIRST;
    private int restarts;

    /** The wait before the next start of an application that exited after running for {@code ranFor}. */
    Duration afterExit(Duration ranFor) {
        if (ranFor.compareTo(RAN_WELL) >= 0) {
            next = FIRST;
        }
        Duration wait = next;
        next = next.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : next.multipliedBy(2);
        restarts++;
        return wait;
    }

    /** How many restarts {@link #afterExit} has counted since the launcher started. */
    int restarts() {
        return restarts;
    }

    /** A wait in words for the log: "2 s", "1 min". */
    static String inWords(Duration wait) {
        long seconds = wait.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
