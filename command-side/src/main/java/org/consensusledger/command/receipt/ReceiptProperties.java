package org.consensusledger.command.receipt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The command side's receipts ({@code ledger.receipts.*}).
 *
 * @param keyFile       the Ed25519 signer key (C2SP signed-note form) that signs receipts, created on first start,
 *                      readable by the process owner only; its verifier key is written beside it, as
 *                      {@code <key-file>.pub}, for the query side and for auditors
 * @param maxMergeDelay the longest time after a receipt by which the log promises a signed checkpoint that holds
 *                      the receipt's events (the receipt's {@code merge-by})
 * @param vkeyFile      where the verifier key (public) is written at every start; unset, {@code <key-file>.pub}
 *                      (docker: a volume of its own that the query side mounts read-only)
 * @param newKey        true to create a new receipt key although {@code event_receipts} already holds receipts (the
 *                      key file was lost and is deliberately replaced); false, such a start is refused
 */
@ConfigurationProperties("ledger.receipts")
record ReceiptProperties(@DefaultValue("keys/receipt-signing.key") Path keyFile,
                         @DefaultValue("5m") Duration maxMergeDelay, Path vkeyFile,
                         @DefaultValue("false") boolean newKey) {

    ReceiptProperties(Path keyFile, Duration maxMergeDelay) {
        this(keyFile, maxMergeDelay, null, false);
    }

    @ConstructorBinding
    ReceiptProperties {
        if (maxMergeDelay.isNegative() || maxMergeDelay.isZero()) {
            throw new IllegalArgumentException("ledger.receipts.max-merge-delay must be positive, not "
                                                       + maxMergeDelay);
        }
    }

    /** Where the verifier key is written: {@code vkey-file}, else beside the key file. */
    Path verifierKeyFile() {
        return vkeyFile != null ? vkeyFile : keyFile.resolveSibling(keyFile.getFileName() + ".pub");
    }
}
