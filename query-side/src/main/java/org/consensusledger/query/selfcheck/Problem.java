package org.consensusledger.query.selfcheck;

/**
 * One thing the self-check found that is not as the log says: in the log itself, in its Merkle tree or checkpoints,
 * or in a read model. {@code position}, {@code collection} and {@code documentId} say where, when they apply.
 */
record Problem(Kind kind, Long position, String collection, String documentId, String detail) {

    /** What kind of thing is wrong. */
    public enum Kind {
        /** Positions with no stored event, while the log goes on after them: events were deleted. */
        EVENT_MISSING,
        /** A stored event is not the one the Merkle tree took in: it was changed after it was recorded. */
        EVENT_CHANGED,
        /** A stored event cannot be read (its type is unknown, or its payload does not fit its type). */
        EVENT_UNREADABLE,
        /** The stored Merkle tree's root is not the root of the stored events. */
        TREE_DIFFERS,
        /** A signed checkpoint does not match the stored events. */
        CHECKPOINT_DIFFERS,
        /** The projections' own code fails on a stored event (the read model is stopped there). */
        PROJECTION_FAILS,
        /** A stored read-model document differs from what the log says it is. */
        DOCUMENT_DIFFERS,
        /** A read-model document the log says should exist is not stored. */
        DOCUMENT_MISSING,
        /** A stored read-model document lacks events its processor has already passed. */
        DOCUMENT_BEHIND,
        /** A stored read-model document that no event of the log makes. */
        DOCUMENT_UNEXPECTED,
        /**
         * A stored event differs from the receipt the command side signed for it when it was recorded (or a kept
         * receipt is forged): the Merkle tree stops before it.
         */
        RECEIPT_DIFFERS,
        /**
         * An event from the first position that has a receipt on has none (its receipt was deleted or moved, or never
         * kept): the Merkle tree took it in unchecked after {@code ledger.audit.receipt-grace}.
         */
        RECEIPT_MISSING
    }

    static Problem atPosition(Kind kind, long position, String detail) {
        return new Problem(kind, position, null, null, detail);
    }

    static Problem ofDocument(Kind kind, String collection, String documentId, Long position, String detail) {
        return new Problem(kind, position, collection, documentId, detail);
    }
}
