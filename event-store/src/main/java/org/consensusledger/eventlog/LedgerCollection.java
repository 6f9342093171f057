package org.consensusledger.eventlog;

/**
 * Every collection the ledger keeps in its database. Each has one writer and named readers, listed in
 * {@code docs/architecture.md} ("Who owns which collection"); the applications' architecture tests hold the code to
 * that table: only the classes it names use a collection, and they open it only through
 * {@link org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase LedgerDatabase}, by this
 * enumeration, never by a name written out again.
 */
public enum LedgerCollection {

    /** The event log: one document per aggregate commit (this module's engine writes; both sides read). */
    EVENT_COMMITS("event_commits"),
    /** The aggregates' snapshots (the command side's engine). */
    EVENT_SNAPSHOTS("event_snapshots"),
    /** The event log's own state, such as the next global position (the engine). */
    EVENT_LOG_META("event_log_meta"),
    /** Axon's tracking tokens: where each event processor is in the log. */
    TRACKING_TOKENS("trackingtokens"),

    /** The receipts the command side signed for the events of each command, by first position. */
    EVENT_RECEIPTS("event_receipts"),

    /** The command side's accounts: only the SHA-256 of each token. The query side reads secretariat accounts. */
    ACCOUNTS("accounts"),
    /** The command side's answers to commands already carried out, by idempotency key. */
    IDEMPOTENCY_KEYS("idempotency_keys"),
    /** Closed meetings whose minutes still wait for the checkpoint that seals them. */
    MINUTES_TO_SEAL("minutes_to_seal"),
    /** The meeting console's index of bodies, meetings and proposals. */
    CONSOLE_INDEX("console_index"),

    /** The shape of the query side's documents, to know when they must be rebuilt. */
    READ_MODEL_SHAPE("read_model_shape"),
    /** A stopped event processor, seen by every query-side instance. */
    PROJECTION_STOPS("projection_stops"),
    /** The query-side instances alive, by heartbeat. */
    QUERY_SIDE_INSTANCES("query_side_instances"),
    /** The dossiers of proposals. */
    PUBLIC_PROPOSALS("public_proposals"),
    /** Bodies, with their members and co-chairs. */
    PUBLIC_BODIES("public_bodies"),
    /** A body's proposals in summary. */
    PUBLIC_BODY_PROPOSALS("public_body_proposals"),
    /** Organisations. */
    PUBLIC_ORGANISATIONS("public_organisations"),
    /** Meetings and their minutes. */
    PUBLIC_MEETINGS("public_meetings"),
    /** The latest decisions of each body, by body: the home page reads them by key (issue 23). */
    PUBLIC_LATEST_DECISIONS("public_latest_decisions"),
    /** The transparency log's Merkle tree nodes. */
    MERKLE_NODES("merkle_nodes"),
    /** How far the transparency log's tree has taken in the event log. */
    MERKLE_STATE("merkle_state"),
    /** The signed checkpoints of the transparency log (the query side signs; the command side seals minutes). */
    LOG_CHECKPOINTS("log_checkpoints"),
    /** The logs this ledger witnesses: per origin, the latest checkpoint it cosigned and any inconsistency seen. */
    WITNESSED_LOGS("witnessed_logs");

    private final String collectionName;

    LedgerCollection(String collectionName) {
        this.collectionName = collectionName;
    }

    /** Its name in the database. */
    public String collectionName() {
        return collectionName;
    }
}
