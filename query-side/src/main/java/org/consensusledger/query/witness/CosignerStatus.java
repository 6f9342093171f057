package org.consensusledger.query.witness;

import org.consensusledger.tlog.Cosignature;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One of this log's witnesses as the log sees it ({@link Cosigning}): the size it last cosigned, the note it cosigned,
 * and its latest refusal with the back-off before the next attempt. Written by its sending task, read by the
 * health.
 */
final class CosignerStatus {

    final String url;
    final Cosignature.Verifier verifier;
    /** The size it last cosigned, as far as this instance knows (0 until it says). */
    volatile long knownSize;
    volatile String cosignedNote;
    volatile long cosignedSize = -1;
    volatile Instant cosignedAt;
    /** Its latest refusal, in words for the log and the health (null once it cosigns again). */
    volatile String refusal;
    volatile Instant refusedAt;
    /** What kind of refusal {@link #refusal} is, and the HTTP status of the answer that carried it (0: none). */
    volatile Refusal refusalKind;
    volatile int refusalStatus;
    volatile int failures;
    volatile long nextAttemptNanos = System.nanoTime();
    /** Whether a task is sending to it now (one at a time). */
    final AtomicBoolean busy = new AtomicBoolean();

    /** Whose doing a refusal is, for the public page (which shows none of a witness's own words). */
    enum Refusal {
        /** The witness refused the checkpoint (a 4xx answer). */
        REFUSED,
        /** The witness says it cosigned a larger checkpoint of this log than this log's latest. */
        LARGER,
        /** It could not be reached, or its answer could not be used (a 3xx or 5xx, a bad cosignature, a timeout). */
        UNREACHABLE,
        /** This ledger could not keep the cosignature it was sent (its checkpoint changed meanwhile): sent again. */
        LOCAL
    }

    CosignerStatus(String url, Cosignature.Verifier verifier) {
        this.url = url;
        this.verifier = verifier;
    }
}
