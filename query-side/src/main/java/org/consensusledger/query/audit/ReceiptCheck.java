package org.consensusledger.query.audit;

import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Compares each leaf with the receipt the command side issued for its position before the tree takes it in
 * ({@link MerkleLog}): a leaf that differs from its receipt, or a receipt whose signature does not verify with
 * {@code ledger.audit.receipt-vkey}, stops the tree before that position, so no checkpoint ever covers it. The alarm
 * stays, on the self-check and as health DOWN ({@code receipts}), until the stored event is as its receipt says.
 * Without a configured key it checks nothing, and says so once in the log.
 */
@Component("receipts")
class ReceiptCheck implements HealthIndicator {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptCheck.class);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final ReceiptProperties properties;
    private final IssuedReceipts receipts;
    private volatile NoteVerifier verifier;
    private volatile ReceiptAlarm alarm;
    private volatile boolean saidUnconfigured;
    private volatile String saidUnreadable;

    ReceiptCheck(ReceiptProperties properties, IssuedReceipts receipts) {
        this.properties = properties;
        this.receipts = receipts;
    }

    /** The alarm of the latest comparison, if it found a leaf or a receipt it cannot let pass. */
    Optional<ReceiptAlarm> alarm() {
        return Optional.ofNullable(alarm);
    }

    /** The verifier key, when one is configured and can be read (null otherwise). */
    String vkey() {
        NoteVerifier loaded = verifier();
        return loaded == null ? null : loaded.verifierKey().format();
    }

    boolean configured() {
        return properties.configured();
    }

    /**
     * How many of the leaves for positions {@code from}, {@code from + 1}, … the tree may take in: all of them, or
     * the number before the first that differs from its receipt or whose receipt cannot be trusted.
     */
    int admissible(long from, List<byte[]> leaves) {
        if (!properties.configured()) {
            if (!saidUnconfigured) {
                saidUnconfigured = true;
                LOGGER.warn("No receipt key is configured (ledger.audit.receipt-vkey): the Merkle tree takes in "
                                    + "events without comparing them with the receipts the command side issued");
            }
            return leaves.size();
        }
        long to = from + leaves.size();
        int admissible = leaves.size();
        ReceiptAlarm found = null;
        for (IssuedReceipts.Kept kept : receipts.covering(from, to)) {
            long stopAt = Math.max(from, kept.first());
            if (stopAt - from >= admissible) {
                break;
            }
            Receipt receipt;
            NoteVerifier key = verifier();
            if (key == null) {
                found = new ReceiptAlarm(stopAt, "The receipt issued for positions " + kept.first() + "–"
                        + kept.last() + " cannot be checked: the receipt key (ledger.audit.receipt-vkey) cannot be "
                        + "read. The tree stops before position " + stopAt + " until it can.");
                admissible = (int) (stopAt - from);
                break;
            }
            try {
                receipt = Receipt.verify(kept.note(), key);
            } catch (VerificationException e) {
                found = new ReceiptAlarm(stopAt, "The receipt kept for positions " + kept.first() + "–"
                        + kept.last() + " is not a valid receipt of the command side (" + e.getMessage()
                        + "): it was forged or changed. The tree stops before position " + stopAt
                        + ": no checkpoint will cover it.");
                admissible = (int) (stopAt - from);
                break;
            }
            for (Receipt.Event event : receipt.events()) {
                long index = event.position() - from;
                if (index < 0 || index >= admissible) {
                    continue;
                }
                byte[] held = leaves.get((int) index);
                if (!Arrays.equals(held, event.leafHash())) {
                    found = new ReceiptAlarm(event.position(), "The event stored at position "
                            + event.position() + " has leaf hash " + BASE64.encodeToString(held)
                            + ", but the receipt issued for it at " + Instant.ofEpochSecond(receipt.time())
                            + " says " + event.leafHashBase64()
                            + ": it was changed in the database after the command was answered. The tree stops "
                            + "before it: no checkpoint will cover it.");
                    admissible = (int) index;
                    break;
                }
            }
        }
        if (found != null && (alarm == null || !found.equals(alarm))) {
            LOGGER.error("Receipt check: {}", found.detail());
        }
        alarm = found;
        return admissible;
    }

    @Override
    public Health health() {
        ReceiptAlarm current = alarm;
        if (current == null) {
            return Health.up().withDetail("checked", properties.configured()).build();
        }
        return Health.down().withDetail("position", current.position()).withDetail("reason", current.detail())
                     .build();
    }

    private NoteVerifier verifier() {
        NoteVerifier loaded = verifier;
        if (loaded == null && properties.configured()) {
            String configured = properties.receiptVkey().strip();
            try {
                String text = configured.contains("+") && !Files.exists(Path.of(configured))
                              ? configured : Files.readString(Path.of(configured), StandardCharsets.UTF_8).strip();
                loaded = new NoteVerifier(KeyText.parseVerifierKey(text));
                verifier = loaded;
            } catch (IOException | RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(saidUnreadable)) {
                    saidUnreadable = String.valueOf(e.getMessage());
                    LOGGER.warn("The receipt key ledger.audit.receipt-vkey ({}) cannot be read yet: {}", configured,
                                e.getMessage());
                }
                return null;
            }
        }
        return loaded;
    }
}
