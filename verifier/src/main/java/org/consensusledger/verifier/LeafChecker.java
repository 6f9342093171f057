package org.consensusledger.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.eventlog.LedgerSerializers;
import org.consensusledger.tlog.Leaves;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Check 1 on one line of the export: it is a JSON object, its {@code globalPosition} is its place in the export,
 * and its leaf hash, recomputed with {@link Leaves#leafHash}, equals the {@code leafHash} the line carries (when it
 * carries one). Thread-safe: lines are checked on several threads at once.
 */
final class LeafChecker {

    static final String GLOBAL_POSITION = "globalPosition";

    /**
     * The log's own mapper (decimals read exactly, so a number a double cannot hold is refused, not rounded), refusing
     * a member name that occurs twice in an object: parsers differ on which one counts, so such a line could show
     * another reader an event other than the one checked here (RFC 8785 takes I-JSON, which has no duplicates);
     * and anything after the object on its line.
     */
    private static final ObjectMapper MAPPER = LedgerSerializers.objectMapper()
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    private static final HexFormat HEX = HexFormat.of();

    private LeafChecker() {
    }

    /** The leaf hash of the event on {@code line}, which must be the event at {@code position}. */
    static byte[] leafHash(String line, long position) throws LogMismatch {
        JsonNode event;
        try {
            event = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new LogMismatch(position, "the line of the event at position " + position + " is not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (event == null || !event.isObject()) {
            throw new LogMismatch(position, "the line of the event at position " + position
                    + " is not a JSON object");
        }
        checkPosition(event.get(GLOBAL_POSITION), position);
        byte[] claimed = claimedLeafHash(event.get(Leaves.LEAF_HASH_FIELD), position);
        byte[] leafHash;
        try {
            leafHash = Leaves.leafHash(event);
        } catch (IllegalArgumentException e) {
            throw new LogMismatch(position, "event at position " + position + " cannot be a leaf: " + e.getMessage());
        }
        if (claimed != null && !MessageDigest.isEqual(claimed, leafHash)) {
            throw new LogMismatch(position, "event at position " + position
                    + " does not match the leaf the log committed to (changed after it was logged?)");
        }
        return leafHash;
    }

    private static void checkPosition(JsonNode value, long expected) throws LogMismatch {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new LogMismatch(expected, "the event at position " + expected + " has no integer "
                    + GLOBAL_POSITION);
        }
        long found = value.longValue();
        if (found == expected) {
            return;
        }
        String why;
        if (found == expected + 1) {
            why = "the event at position " + expected + " is missing, or the events are out of order";
        } else if (found > expected) {
            why = "the events at positions " + expected + ".." + (found - 1)
                    + " are missing, or the events are out of order";
        } else {
            why = "position " + found + " comes again: an event was inserted, repeated or reordered";
        }
        throw new LogMismatch(expected, "expected " + GLOBAL_POSITION + " " + expected + ", found " + found
                + ": " + why);
    }

    private static byte[] claimedLeafHash(JsonNode value, long position) throws LogMismatch {
        if (value == null) {
            return null;
        }
        String hex = value.isTextual() ? value.textValue() : "";
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new LogMismatch(position, "the " + Leaves.LEAF_HASH_FIELD + " of the event at position " + position
                    + " is not 64 lowercase hex digits");
        }
        return HEX.parseHex(hex);
    }
}
