package org.consensusledger.events;

/**
 * The keys of every event's metadata, part of the published language: who recorded the event ({@link #RECORDED_BY},
 * an account, never published), for which organisation ({@link #ACTING_FOR}), in which role ({@link #RECORDED_AS}:
 * {@code SECRETARIAT}, {@code CO_CHAIR}, {@code DELEGATE} or {@code LEDGER}), and which command and idempotency key
 * produced it. The command side writes them; the query side and the verifier read them, by these names only.
 */
public final class MetadataKeys {

    public static final String RECORDED_BY = "recordedBy";
    public static final String ACTING_FOR = "actingFor";
    public static final String RECORDED_AS = "recordedAs";
    public static final String COMMAND_ID = "commandId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private MetadataKeys() {
    }
}
