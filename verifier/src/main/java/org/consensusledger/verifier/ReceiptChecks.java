package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final List<String> given;
    private final String vkey;
    private final String server;
    private final Instant now;
    /** Every listed position: the leaf hash its receipt lists, and which receipt. */
    private final Map<Long, Listed> listed = new HashMap<>();
    private final List<Issued> receipts = new ArrayList<>();
    private boolean serverHasNone;

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

    /** Reads and verifies every receipt, before the export is read. */
    void load(String origin) throws UnusableInputException, LogMismatch {
        if (given.isEmpty() && server == null) {
            return;
        }
        NoteVerifier key = key();
        if (key == null) {
            serverHasNone = true;
            return;
        }
        for (String source : given) {
            add(new Source(source).readText(), source, key, origin);
        }
        if (server != null) {
            long from = 0;
            while (true) {
                String url = server + RECEIPTS_PATH + "?from=" + from + "&limit=" + PAGE;
                Source.Answer answer = Source.fetch(url);
                if (answer.status() == 404 && from == 0 && vkey == null) {
                    serverHasNone = true;
                    return;
                }
                if (answer.status() != 200) {
                    throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
                }
                JsonNode page = json(answer.body(), url);
                for (JsonNode served : page.path("receipts")) {
                    add(served.path("receipt").asText(), server + RECEIPTS_PATH + " (first position "
                            + served.path("firstPosition").asText() + ")", key, origin);
                }
                if (!page.path("next").canConvertToLong() || page.path("next").asLong() <= from) {
                    return;
                }
                from = page.path("next").asLong();
            }
        }
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

    private void add(String text, String source, NoteVerifier key, String origin)
            throws UnusableInputException, LogMismatch {
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
        receipts.add(issued);
        for (Receipt.Event event : receipt.events()) {
            Listed earlier = listed.put(event.position(), new Listed(event.leafHash(), issued));
            if (earlier != null && !java.util.Arrays.equals(earlier.leafHash(), event.leafHash())) {
                throw new LogMismatch(event.position(), earlier.issued().describe() + " and " + issued.describe()
                        + " list different leaf hashes for this position: the command side signed two histories");
            }
        }
    }

    /** Compares one leaf of the export with its receipt, if it has one. */
    void checkLeaf(long position, byte[] leafHash) throws LogMismatch {
        if (listed.isEmpty()) {
            return;
        }
        Listed expected = listed.get(position);
        if (expected != null && !java.util.Arrays.equals(expected.leafHash(), leafHash)) {
            throw new LogMismatch(position, "the export's leaf hash " + LogVerifier.base64(leafHash) + " differs from "
                    + expected.issued().describe() + ", which says " + LogVerifier.base64(expected.leafHash())
                    + ": the event was changed after the command was answered");
        }
    }

    /** After the export: every listed event is in it, and in the latest checkpoint once its merge-by has passed. */
    void finish(long events, TrustedCheckpoint latest) throws LogMismatch {
        for (Issued issued : receipts) {
            Receipt receipt = issued.receipt();
            if (receipt.lastPosition() >= events) {
                throw new LogMismatch(receipt.lastPosition(), "the export ends at " + events + " events, but "
                        + issued.describe() + " lists this position: an event the log gave a receipt for is missing");
            }
            if (receipt.mergeBy() < now.getEpochSecond() && receipt.lastPosition() >= latest.size()) {
                throw new LogMismatch(issued.describe() + " promised that its events (up to position "
                        + receipt.lastPosition() + ") would be in a signed checkpoint by "
                        + Instant.ofEpochSecond(receipt.mergeBy()) + ", but the latest checkpoint, of size "
                        + latest.size() + ", does not hold them: the log broke its promise");
            }
        }
    }

    /** For the verdict: what was checked ("" when nothing). */
    String summary() {
        if (serverHasNone) {
            return "; receipts not checked (the server publishes no receipt key)";
        }
        if (receipts.isEmpty()) {
            return given.isEmpty() && server == null ? "" : "; no receipts to check";
        }
        return String.format(receipts.size() == 1 ? "; %,d receipt (%,d events) matches the export"
                                     : "; %,d receipts (%,d events) match the export",
                             receipts.size(), listed.size());
    }

    private static JsonNode json(byte[] body, String source) throws UnusableInputException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UnusableInputException(source + " is not JSON: " + e.getMessage(), e);
        }
    }
}
