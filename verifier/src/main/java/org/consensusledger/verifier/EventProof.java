package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.audit.Leaves;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.tlog.MerkleProofs;
import org.consensusledger.tlog.TlogProof;
import org.consensusledger.tlog.VerificationException;

import java.io.IOException;
import java.util.HexFormat;

/**
 * One event's inclusion ({@code --event <position>}), without reading the whole export: the event as the server
 * exports it ({@code GET <base>/api/audit/events?from=P&limit=1}), its leaf hash recomputed from it, and its
 * {@code tlog-proof} ({@code GET <base>/api/audit/events/P/proof}): the proof's checkpoint must be signed by the log's
 * key and the inclusion proof must lead from the recomputed leaf to its root.
 */
final class EventProof {

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    /** A verified inclusion: the event's leaf hash and the checkpoint it is proved against. */
    record Included(long position, byte[] leafHash, String payloadType, TrustedCheckpoint checkpoint) {
    }

    private EventProof() {
    }

    static Included check(String base, long position, LogKeys logKey)
            throws UnusableInputException, LogMismatch {
        String eventUrl = base + VerifierCommand.EVENTS_PATH + "?from=" + position + "&limit=1";
        String line = new Source(eventUrl).readText().strip();
        if (line.isEmpty()) {
            throw new UnusableInputException("the log has no event at position " + position + " (" + eventUrl
                    + " is empty)");
        }
        JsonNode event;
        try {
            event = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new LogMismatch(position, "the event at position " + position + " (" + eventUrl
                    + ") is not JSON");
        }
        if (event == null || !event.isObject() || event.path("globalPosition").asLong(-1) != position) {
            throw new LogMismatch(position, "the server answered " + eventUrl + " with another event than the one at "
                    + "position " + position);
        }
        byte[] leafHash;
        try {
            leafHash = Leaves.leafHash(event);
        } catch (IllegalArgumentException e) {
            throw new LogMismatch(position, "the event at position " + position + " cannot be a leaf: "
                    + e.getMessage());
        }
        JsonNode given = event.get(Leaves.LEAF_HASH_FIELD);
        if (given != null && !HexFormat.of().formatHex(leafHash).equals(given.asText())) {
            throw new LogMismatch(position, "event at position " + position + " does not match the leaf the log "
                    + "committed to (changed after it was logged?)");
        }

        String proofUrl = base + "/api/audit/events/" + position + "/proof";
        TlogProof proof;
        try {
            proof = TlogProof.parse(new Source(proofUrl).readText());
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("the proof " + proofUrl + " is not a tlog-proof: " + e.getMessage(), e);
        }
        if (proof.index() != position) {
            throw new LogMismatch(position, "the proof " + proofUrl + " is for the event at position "
                    + proof.index() + ", not " + position);
        }
        TrustedCheckpoint checkpoint = TrustedCheckpoint.parse(proof.signedCheckpoint(), proofUrl,
                                                               "the checkpoint of the event's proof", logKey);
        try {
            MerkleProofs.verifyInclusion(position, checkpoint.size(), leafHash, proof.inclusionProof(),
                                         checkpoint.root());
        } catch (VerificationException e) {
            throw new LogMismatch(position, "the event at position " + position + " is not in the log of size "
                    + checkpoint.size() + " whose root is signed: its inclusion proof (" + proofUrl
                    + ") does not verify (" + e.getMessage() + ")");
        }
        return new Included(position, leafHash, event.path("payloadType").asText(), checkpoint);
    }
}
