package org.consensusledger.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The receipt check's one setting, beside the transparency log's ({@code ledger.audit.*}).
 *
 * @param receiptVkey the command side's receipt verifier key ({@code <origin>/receipts+<id>+<key>}), or the path of
 *                    a file holding it (the command side writes {@code <ledger.receipts.key-file>.pub}); unset, the
 *                    tree takes in leaves without comparing them with receipts (and says so once in the log)
 */
@ConfigurationProperties("ledger.audit")
record ReceiptProperties(String receiptVkey) {

    boolean configured() {
        return receiptVkey != null && !receiptVkey.isBlank();
    }
}
