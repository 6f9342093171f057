package org.consensusledger.tlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's signed timestamp of a checkpoint: one extension line {@code time <unix seconds, decimal>} after the
 * root hash (a c2sp.org/tlog-checkpoint extension line, so clients that do not know it ignore it). It is inside the
 * signed text, unlike the time a store keeps beside a checkpoint, so a reader can tell how old the log's view is.
 * Checkpoints signed before it existed have none.
 */
public final class CheckpointTime {

    /** The start of the extension line, {@code "time "}. */
    public static final String PREFIX = "time ";

    /**
     * The latest time a time line may carry: the last second of the year 9999 (253402300799). A larger decimal is
     * refused rather than read: {@link Instant} cannot hold every 19-digit number, and no honest log signs such a time.
     */
    public static final long MAX_SECONDS = 253_402_300_799L;

    private CheckpointTime() {
    }

    /** The extension line for {@code time}, whole seconds (rounded down): {@code time 1764950400}. */
    public static String line(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < 0) {
            throw new IllegalArgumentException("checkpoint time " + time + " is before 1970");
        }
        return PREFIX + seconds;
    }

    /** {@code checkpoint}'s text with the time line appended to its extension lines. */
    public static Checkpoint stamped(Checkpoint checkpoint, Instant time) {
        List<String> extensions = new ArrayList<>(checkpoint.extensions());
        extensions.add(line(time));
        return new Checkpoint(checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), extensions);
    }

    /**
     * The signed time of {@code checkpoint}, empty if it has no time line. A time line that is not
     * {@code time <decimal without leading zeros>}, one after {@link #MAX_SECONDS}, or more than one, is refused
     * ({@link IllegalArgumentException}): a reader cannot tell which to believe.
     */
    public static Optional<Instant> of(Checkpoint checkpoint) {
        Instant found = null;
        for (String extension : checkpoint.extensions()) {
            if (!extension.startsWith(PREFIX) && !extension.equals("time")) {
                continue;
            }
            if (found != null) {
                throw new IllegalArgumentException("checkpoint has more than one time line");
            }
            long seconds = NoteText.decimal(extension.substring(Math.min(extension.length(), PREFIX.length())),
                                            "checkpoint time");
            if (seconds > MAX_SECONDS) {
                throw new IllegalArgumentException("checkpoint time " + seconds + " is after the year 9999 (at most "
                        + MAX_SECONDS + " seconds since 1970)");
            }
            found = Instant.ofEpochSecond(seconds);
        }
        return Optional.ofNullable(found);
    }
}
