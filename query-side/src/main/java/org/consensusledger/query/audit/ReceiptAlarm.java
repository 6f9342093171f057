package org.consensusledger.query.audit;

/**
 * Why the Merkle tree stopped before {@code position}: the stored event there differs from the receipt issued for it,
 * or a kept receipt is not the command side's ({@link ReceiptCheck}); {@code detail} says it in words.
 */
public record ReceiptAlarm(long position, String detail) {
}
