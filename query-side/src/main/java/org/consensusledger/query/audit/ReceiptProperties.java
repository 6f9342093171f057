package org.consensusledger.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The receipt check's settings, beside the transparency log's ({@code ledger.audit.*}).
 *
 * @param receiptVkey  the command side's receipt verifier key ({@code <origin>/receipts+<id>+<key>}), or the path of
 *                     a file holding it (the command side writes {@code <ledger.receipts.key-file>.pub}; the file is
 *                     read again when it changes); unset, the tree takes in leaves without comparing them with
 *                     receipts (and says so once in the log)
 * @param receiptGrace how long the tree waits at an event that has no receipt yet (the command side keeps it just
 *                     after the append) before it takes the event in anyway and raises a {@code RECEIPT_MISSING} alarm
 */
@ConfigurationProperties("ledger.audit")
record ReceiptProperties(String receiptVkey, @DefaultValue("5s") Duration receiptGrace) {

    ReceiptProperties {
        if (receiptGrace == null || receiptGrace.isNegative()) {
            throw new IllegalArgumentException("ledger.audit.receipt-grace must not be negative, not " + receiptGrace);
        }
    }

    boolean configured() {
        return receiptVkey != null && !receiptVkey.isBlank();
    }
}
