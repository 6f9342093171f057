package org.consensusledger.verifier;

import org.consensusledger.tlog.CheckpointTime;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How old a view of the log the auditor accepts ({@code --max-age}, docs/audit.md "Freshness"): the latest
 * checkpoint's signed time must be at most {@code maxAge} old and not more than {@link #SKEW} in the future. A log
 * that shows an old checkpoint for ever (a stale view) may hide every event recorded since.
 * <p>
 * The times it is given are candidates, each vouched for by someone the auditor trusts: the log's own {@code time}
 * line ({@link CheckpointTime}) and, where witnesses are trusted, the timestamps of their cosignatures; the newest
 * one counts.
 */
final class Freshness {

    /** How far in the future a signed time may be (clocks differ). */
    static final Duration SKEW = Duration.ofMinutes(5);

    /**
     * The longest {@code --max-age} taken: 100 years (36,500 days). A longer bound means no bound (say {@code none});
     * and, unbounded, adding it to a signed time would overflow.
     */
    static final Duration LONGEST = Duration.ofDays(36_500);

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,12})([smhd])");

    /** A signed time, and who signed it ("the log's time line", "the cosignature of witness w"). */
    record SignedTime(Instant time, String signedBy) {
    }

    private final Duration maxAge;

    /** {@code maxAge} null: any age is accepted. */
    Freshness(Duration maxAge) {
        this.maxAge = maxAge;
    }

    Duration maxAge() {
        return maxAge;
    }

    /**
     * {@code --max-age}: {@code none}, an ISO-8601 duration ({@code PT2H}, {@code P1D}) or a number with one of the
     * units s, m, h, d ({@code 90s}, {@code 2h}, {@code 1d}).
     */
    static Freshness parse(String text) throws UnusableInputException {
        String given = text.strip();
        if (given.equalsIgnoreCase("none")) {
            return new Freshness(null);
        }
        Duration duration;
        Matcher shortForm = SHORT.matcher(given);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(given);
            } catch (DateTimeParseException e) {
                throw new UnusableInputException("--max-age \"" + text + "\" is not a duration: give none, a number "
                        + "with s, m, h or d (90s, 2h, 1d) or an ISO-8601 duration (PT2H, P1D)");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new UnusableInputException("--max-age must be longer than zero (or none)");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new UnusableInputException("--max-age \"" + text + "\" is longer than 100 years (36500d): give a "
                    + "real bound, or none to accept a checkpoint of any age");
        }
        return new Freshness(duration);
    }

    /**
     * Checks the newest of {@code times} against {@code now}; {@code what} names the checkpoint for the message.
     * Returns the time that counted (empty when any age is accepted and none was given).
     */
    Optional<SignedTime> check(Collection<SignedTime> times, Instant now, String what) throws LogMismatch {
        Optional<SignedTime> newest = times.stream().max(Comparator.comparing(SignedTime::time));
        if (maxAge == null) {
            return newest;
        }
        if (newest.isEmpty()) {
            throw new LogMismatch(what + " carries no signed time (no \"time\" line): how old it is cannot be told, "
                    + "and a stale view may hide newer events (--max-age none accepts it)");
        }
        Instant signed = newest.get().time();
        if (signed.isAfter(now.plus(SKEW))) {
            throw new LogMismatch(what + " was signed at " + signed + " (" + newest.get().signedBy() + "), more "
                    + "than " + describe(SKEW) + " after this machine's clock (" + now + "): its signer's clock or "
                    + "this machine's is wrong, and its age cannot be told");
        }
        if (signed.plus(maxAge).isBefore(now)) {
            throw new LogMismatch(what + " was signed at " + signed + " (" + newest.get().signedBy() + "), "
                    + describe(Duration.between(signed, now)) + " ago, older than --max-age " + describe(maxAge)
                    + ": a stale view may hide newer events");
        }
        return newest;
    }

    /** "3 min", "2 h 5 min", "1 d 2 h", "45 s". */
    static String describe(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append(" d");
        }
        if (hours > 0) {
            text.append(text.isEmpty() ? "" : " ").append(hours).append(" h");
        }
        if (minutes > 0 && days == 0) {
            text.append(text.isEmpty() ? "" : " ").append(minutes).append(" min");
        }
        return text.isEmpty() ? seconds / 60 + " min" : text.toString();
    }
}
