package org.consensusledger.query.projection;

/**
 * An event of the log that a read model could not take in: its handler failed, or the change it made could not be
 * stored. The processor stops at it ({@link ProjectionStops}) rather than go past it.
 */
class EventNotProjected extends RuntimeException {

    private final long position;

    public EventNotProjected(long position, String what, Throwable cause) {
        super("The event at position " + position + " was not projected: " + what + " (" + describe(cause) + ")",
              cause);
        this.position = position;
    }

    /** The event's global position in the log. */
    public long position() {
        return position;
    }

    /** The root cause, as a short line: its type and message. */
    static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
