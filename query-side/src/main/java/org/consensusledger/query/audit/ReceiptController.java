package org.consensusledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.consensusledger.audit.Receipt;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The receipts the command side issued at write time, for auditors (see {@code docs/audit.md}, "Receipts"): each
 * kept receipt, by position, and the key that verifies them (the one this query side was given,
 * {@code ledger.audit.receipt-vkey}). A verifier checks every receipt against the export's leaves and the latest
 * checkpoint. No account is needed.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "The stored log, in order, for auditors")
@EnableConfigurationProperties(ReceiptProperties.class)
class ReceiptController {

    /** The most positions one page of receipts spans. */
    static final int MAX_PAGE = 1000;

    private final IssuedReceipts receipts;
    private final ReceiptCheck check;
    private final LedgerEventStorageEngine log;

    ReceiptController(IssuedReceipts receipts, ReceiptCheck check, LedgerEventStorageEngine log) {
        this.receipts = receipts;
        this.check = check;
        this.log = log;
    }

    /** One kept receipt: the first and last positions it lists, and the signed note as the client received it. */
    record ReceiptView(long firstPosition, long lastPosition, String receipt) {
    }

    /**
     * The receipts whose first position is in [from, to), by first position; {@code next} is where the next page
     * starts ({@code to}), null once {@code to} reaches the log's end.
     */
    record ReceiptPage(long from, long to, Long next, List<ReceiptView> receipts) {
    }

    @GetMapping("/receipts")
    @Operation(summary = "The receipts the command side issued, by position",
               description = "The receipts whose first listed position is in [`from`, `from` + `limit`), in order; "
                       + "follow `next` until it is null to read them all. Each is the signed note exactly as the "
                       + "command's answer carried it.")
    ReceiptPage receipts(@Parameter(description = "first global position of the page")
                         @RequestParam(defaultValue = "0") @Min(0) long from,
                         @Parameter(description = "positions the page spans (at most 1000)")
                         @RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_PAGE) int limit) {
        if (from > Long.MAX_VALUE - limit) {
            throw new ProblemHandler.BadRequest("position-out-of-range", "from (" + from + ") + limit (" + limit
                    + ") is beyond the largest position a log can have (" + Long.MAX_VALUE + "): ask for a smaller "
                    + "from");
        }
        long head = log.nextGlobalPosition();
        long to = from + limit;
        List<ReceiptView> views = receipts.startingIn(from, limit).stream()
                                          .map(ReceiptController::view)
                                          .filter(java.util.Objects::nonNull)
                                          .toList();
        return new ReceiptPage(from, to, to < head ? to : null, views);
    }

    /**
     * The view of a kept receipt, its positions read from its note (the document's own fields are not signed); null
     * for a document that cannot be read (the tree's receipt check raises the alarm for it, see the self-check).
     */
    private static ReceiptView view(IssuedReceipts.Kept kept) {
        if (kept.unreadable() != null) {
            return null;
        }
        try {
            Receipt receipt = Receipt.parseText(SignedNote.parse(kept.note()).text());
            return new ReceiptView(receipt.firstPosition(), receipt.lastPosition(), kept.note());
        } catch (RuntimeException e) {
            return new ReceiptView(kept.first(), kept.last() == Long.MAX_VALUE ? kept.first() : kept.last(),
                                   kept.note());
        }
    }

    @GetMapping(value = "/receipt-vkey", produces = {ProofController.TEXT, AuditController.PROBLEM})
    @Operation(summary = "The key that verifies the command side's receipts (C2SP signed-note verifier key)",
               description = "The key this query side checks receipts with (`ledger.audit.receipt-vkey`); 404 when "
                       + "none is configured.")
    ResponseEntity<String> vkey() {
        String vkey = check.vkey();
        if (vkey == null) {
            throw new ProblemHandler.NotFound("receipt key", check.configured()
                    ? "readable yet (ledger.audit.receipt-vkey names a file the command side has not written)"
                    : "configured on this ledger (ledger.audit.receipt-vkey)");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ProofController.TEXT))
                             .cacheControl(CacheControl.noCache()).body(vkey + "\n");
    }
}
