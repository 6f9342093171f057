package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * The receipts' checks ({@code docs/audit.md}, "Receipts"): each receipt given with {@code --receipt} (the signed
 * note, or the whole JSON answer that carried it) and, with {@code --server}, every receipt the query side serves
 * ({@code /api/audit/receipts}) must be signed by the receipt key ({@code --receipt-vkey}, by default the one the
 * query side publishes); every event it lists must be in the export with the leaf hash it lists; and once its
 * {@code merge-by} has passed, the latest checkpoint must hold its events.
 */
final class ReceiptChecks {

    static final String VKEY_PATH = "/api/audit/receipt-vkey";
    static final String RECEIPTS_PATH = "/api/audit/receipts";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    /** The most positions listed ahead of the export the checks hold at once (a hostile server's receipts). */
    static final int MAX_LISTED_AHEAD = 2_000_000;

    private final List<String> given;
    private final String vkey;
    private final String server;
    private final Instant now;
    /** The listed positions not yet compared with the export: the leaf hash its receipt lists, and which receipt. */
    private final TreeMap<Long, Listed> listed = new TreeMap<>();
    /** Receipts whose merge-by has not passed, by last position: the latest merge-by among them. */
    private final TreeMap<Long, Long> promised = new TreeMap<>();
    private NoteVerifier key;
    private String origin;
    /** The first position of the server's next page of receipts, null once they are all read. */
    private Long nextPage;
    private boolean serverHasNone;
    private long receiptCount;
    private long eventCount;
    /** The receipt listing the highest position, and the expired one (merge-by passed) listing the highest. */
    private Issued highest;
    private Issued highestExpired;
    private long pendingCount;
    private long pendingUntil;
    private long checkpointSize;

    private record Issued(Receipt receipt, String source) {
        String describe() {
            return "the receipt issued at " + Instant.ofEpochSecond(receipt.time()) + " (" + source + ")";
        }
    }

    private record Listed(byte[] leafHash, Issued issued) {
    }

    /**
     * @param given  the {@code --receipt} sources (files or URLs)
     * @param vkey   {@code --receipt-vkey} (key text, file or URL), or null for the server's
     * @param server the {@code --server} base URL, or null
     */
    ReceiptChecks(List<String> given, String vkey, String server, Instant now) {
        this.given = List.copyOf(given);
        this.vkey = vkey;
        this.server = server;
        this.now = now;
    }

    static ReceiptChecks none() {
        return new ReceiptChecks(List.of(), null, null, Instant.now());
    }

    /**
     * Reads and verifies the given receipts, and the server's first page, before the export is read; the server's
     * further pages are read as the export goes on ({@link #checkLeaf}), never beyond it, so that the checks hold only
     * the receipts of positions the export has not reached yet.
     */
    void load(String origin) throws UnusableInputException, LogMismatch {
        if (given.isEmpty() && server == null) {
            return;
        }
        this.origin = origin;
        key = key();
        if (key == null) {
            serverHasNone = true;
            return;
        }
        for (String source : given) {
            add(new Source(source).readText(), source);
        }
        if (server != null) {
            nextPage = 0L;
            page(true);
        }
    }

    /** Reads the server's page of receipts from {@link #nextPage}. */
    private void page(boolean first) throws UnusableInputException, LogMismatch {
        long from = nextPage;
        String url = server + RECEIPTS_PATH + "?from=" + from + "&limit=" + PAGE;
        Source.Answer answer = Source.fetch(url);
        if (answer.status() == 404 && first && vkey == null) {
            serverHasNone = true;
            nextPage = null;
            return;
        }
        if (answer.status() != 200) {
            throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
        }
        JsonNode page = json(answer.body(), url);
        for (JsonNode served : page.path("receipts")) {
            add(served.path("receipt").asText(), server + RECEIPTS_PATH + " (first position "
                    + served.path("firstPosition").asText() + ")");
        }
        JsonNode next = page.path("next");
        nextPage = next.canConvertToLong() && next.asLong() > from ? next.asLong() : null;
    }

    /** The receipt key, or null when none was given and the server publishes none (then receipts are skipped). */
    private NoteVerifier key() throws UnusableInputException {
        if (vkey != null) {
            return LogVerifier.logKey(vkey);
        }
        if (server == null) {
            throw new UnusableInputException("--receipt needs --receipt-vkey (the command side's receipt key), or "
                    + "--server whose query side publishes it");
        }
        Source.Answer answer = Source.fetch(server + VKEY_PATH, "text/plain");
        if (answer.status() == 404 && given.isEmpty()) {
            return null;
        }
        if (answer.status() != 200) {
            throw new UnusableInputException("GET " + server + VKEY_PATH + " answered HTTP " + answer.status()
                    + (given.isEmpty() ? "" : "; give the receipt key with --receipt-vkey"));
        }
        return LogVerifier.logKey(new String(answer.body(), StandardCharsets.UTF_8).strip());
    }

    private void add(String text, String source) throws UnusableInputException, LogMismatch {
        String note = text;
        if (text.stripLeading().startsWith("{")) {
            // A saved answer: the receipt is its "receipt" field.
            JsonNode answer = json(text.getBytes(StandardCharsets.UTF_8), source);
            if (!answer.path("receipt").isTextual()) {
                throw new UnusableInputException(source + " is a JSON document without a \"receipt\" field");
            }
            note = answer.path("receipt").asText();
        }
        Receipt receipt;
        try {
            receipt = Receipt.verify(note, key);
        } catch (VerificationException e) {
            throw new LogMismatch("the receipt in " + source + " is not a receipt signed by the receipt key "
                    + key.name() + ": " + e.getMessage());
        }
        if (!receipt.origin().equals(origin)) {
            throw new LogMismatch("the receipt in " + source + " is for the log \"" + receipt.origin()
                    + "\", not for \"" + origin + "\", the log the checkpoints name");
        }
        Issued issued = new Issued(receipt, source);
        receiptCount++;
        eventCount += receipt.events().size();
        if (highest == null || receipt.lastPosition() > highest.receipt().lastPosition()) {
            highest = issued;
        }
        if (receipt.mergeBy() < now.getEpochSecond()) {
            if (highestExpired == null || receipt.lastPosition() > highestExpired.receipt().lastPosition()) {
                highestExpired = issued;
            }
        } else {
            promised.merge(receipt.lastPosition(), receipt.mergeBy(), Math::max);
        }
        for (Receipt.Event event : receipt.events()) {
            Listed earlier = listed.put(event.position(), new Listed(event.leafHash(), issued));
            if (earlier != null && !java.util.Arrays.equals(earlier.leafHash(), event.leafHash())) {
                throw new LogMismatch(event.position(), earlier.issued().describe() + " and " + issued.describe()
                        + " list different leaf hashes for this position: the command side signed two histories");
            }
        }
        if (listed.size() > MAX_LISTED_AHEAD || promised.size() > MAX_LISTED_AHEAD) {
            throw new UnusableInputException("the receipts list more than " + MAX_LISTED_AHEAD + " positions ahead of "
                    + "the export (" + source + "): too many to hold; check fewer receipts at once");
        }
    }

    /**
     * Compares one leaf of the export with its receipt, if it has one (the export in position order), reading the
     * server's receipts that start at or before it first.
     */
    void checkLeaf(long position, byte[] leafHash) throws LogMismatch {
        try {
            while (nextPage != null && nextPage <= position) {
                page(false);
            }
        } catch (UnusableInputException e) {
            throw new UncheckedUnusable(e);
        }
        if (listed.isEmpty()) {
            return;
        }
        Listed expected = listed.remove(position);
        if (!listed.isEmpty() && listed.firstKey() < position) {
            listed.headMap(position).clear();
        }
        if (expected != null && !java.util.Arrays.equals(expected.leafHash(), leafHash)) {
            throw new LogMismatch(position, "the export's leaf hash " + LogVerifier.base64(leafHash) + " differs from "
                    + expected.issued().describe() + ", which says " + LogVerifier.base64(expected.leafHash())
                    + ": the event was changed after the command was answered");
        }
    }

    /** A server's page that cannot be read during the export: unusable input, said as such by {@link #finish}. */
    static final class UncheckedUnusable extends RuntimeException {
        final UnusableInputException cause;

        UncheckedUnusable(UnusableInputException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    /**
     * After the export: every listed event is in it, and in the latest checkpoint once its merge-by has passed; the
     * receipts whose merge-by has not passed and whose events the latest checkpoint does not hold yet are pending.
     */
    void finish(long events, TrustedCheckpoint latest) throws LogMismatch {
        if (highest != null && highest.receipt().lastPosition() >= events) {
            throw new LogMismatch(highest.receipt().lastPosition(), "the export ends at " + events + " events, but "
                    + highest.describe() + " lists this position: an event the log gave a receipt for is missing");
        }
        if (highestExpired != null && highestExpired.receipt().lastPosition() >= latest.size()) {
            Receipt receipt = highestExpired.receipt();
            throw new LogMismatch(highestExpired.describe() + " promised that its events (up to position "
                    + receipt.lastPosition() + ") would be in a signed checkpoint by "
                    + Instant.ofEpochSecond(receipt.mergeBy()) + ", but the latest checkpoint, of size "
                    + latest.size() + ", does not hold them: the log broke its promise");
        }
        checkpointSize = latest.size();
        for (Long mergeBy : promised.tailMap(latest.size(), true).values()) {
            pendingCount++;
            pendingUntil = Math.max(pendingUntil, mergeBy);
        }
    }

    /** For the verdict: what was checked ("" when nothing). */
    String summary() {
        if (serverHasNone) {
            return "; receipts not checked (the server publishes no receipt key)";
        }
        if (receiptCount == 0) {
            return given.isEmpty() && server == null ? "" : "; no receipts to check";
        }
        long inCheckpoint = receiptCount - pendingCount;
        if (pendingCount == 0) {
            return String.format(receiptCount == 1 ? "; %,d receipt (%,d events) matches the export"
                                         : "; %,d receipts (%,d events) match the export",
                                 receiptCount, eventCount);
        }
        return String.format("; %,d of %,d receipts (%,d events) match the export and the latest checkpoint; %,d "
                                     + "%s pending until %s: %s events are in the export but beyond the latest "
                                     + "checkpoint (size %,d), which must hold them by then; run again after that "
                                     + "time", inCheckpoint, receiptCount, eventCount, pendingCount,
                             pendingCount == 1 ? "is" : "are", Instant.ofEpochSecond(pendingUntil),
                             pendingCount == 1 ? "its" : "their", checkpointSize);
    }

    private static JsonNode json(byte[] body, String source) throws UnusableInputException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UnusableInputException(source + " is not JSON: " + e.getMessage(), e);
        }
    }
}
