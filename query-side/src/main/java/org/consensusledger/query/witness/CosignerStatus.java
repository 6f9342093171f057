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
    volatile String refusal;
    volatile Instant refusedAt;
    volatile int failures;
    volatile long nextAttemptNanos = System.nanoTime();
    /** Whether a task is sending to it now (one at a time). */
    final AtomicBoolean busy = new AtomicBoolean();

    CosignerStatus(String url, Cosignature.Verifier verifier) {
        this.url = url;
        this.verifier = verifier;
    }
}
