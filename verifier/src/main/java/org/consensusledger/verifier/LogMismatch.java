package org.consensusledger.verifier;

/**
 * The log is not what its signed checkpoints say it is (exit code 1): an event that does not match its leaf, a
 * gap, a root that differs, a checkpoint that does not verify. {@link #position()} is the global position of the
 * first event at fault, or {@link #NO_POSITION} when no single event can be named (a root that differs).
 */
public class LogMismatch extends Exception {

    /** No single position applies. */
    public static final long NO_POSITION = -1;

    private static final long serialVersionUID = 1L;

    private final long position;

    public LogMismatch(long position, String reason) {
        super(reason);
        this.position = position;
    }

    public LogMismatch(String reason) {
        this(NO_POSITION, reason);
    }

    public long position() {
        return position;
    }

    /** The reason alone, without the position. */
    public String reason() {
        return getMessage();
    }

    /** {@code FAILED at position P: <reason>} or {@code FAILED: <reason>}. */
    public String verdict() {
        return position == NO_POSITION ? "FAILED: " + reason() : "FAILED at position " + position + ": " + reason();
    }
}
