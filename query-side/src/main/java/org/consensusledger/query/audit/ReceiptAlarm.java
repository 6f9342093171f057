package org.consensusledger.query.audit;

/**
 * A receipt alarm at {@code position}, said in words in {@code detail}: either the Merkle tree stopped before it (the
 * stored event differs from the receipt issued for it, or a kept receipt is forged, of another origin or unreadable;
 * {@code missing} false), or the tree took the event in after waiting {@code ledger.audit.receipt-grace} for a
 * receipt that never came ({@code missing} true): from the first position that has a receipt on, every event must
 * have one ({@link ReceiptCheck}).
 */
public record ReceiptAlarm(long position, String detail, boolean missing) {

    public ReceiptAlarm(long position, String detail) {
        this(position, detail, false);
    }
}
