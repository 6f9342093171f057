package org.consensusledger.command.shared;

import java.util.List;

/**
 * A command whose handler answers more than the aggregate's new version, and can tell that answer again from the
 * events it stored: a request interrupted after its command was stored is answered, when retried with the same
 * {@code Idempotency-Key}, exactly as it would have been (see {@code IdempotencyFilter}). Commands that answer
 * with the version alone need nothing: it is the last event's sequence number.
 */
public interface ResultFromEvents<R> {

    /** The handler's answer, from the events it stored (in the order stored; never empty). */
    R resultFrom(List<RecordedEvent> stored);
}
