package org.consensusledger.verifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.audit.Leaves;
import org.consensusledger.events.LedgerJson;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Check 1 on one line of the export: it is a JSON object, its {@code globalPosition} is its place in the export,
 * and its leaf hash, recomputed with {@link Leaves}, equals the {@code leafHash} the line carries (when it carries
 * one). The line is read once, its canonical form written straight from the parser's tokens; only a line holding
 * what that cannot write (a fraction, a huge integer) is read again into a tree. Thread-safe: lines are checked on
 * several threads at once.
 */
final class LeafChecker {

    static final String GLOBAL_POSITION = "globalPosition";
    private static final String PAYLOAD_TYPE = "payloadType";

    /**
     * The log's own mapper (decimals read exactly, so a number a double cannot hold is refused, not rounded), refusing
     * a member name that occurs twice in an object: parsers differ on which one counts, so such a line could show
     * another reader an event other than the one checked here (RFC 8785 takes I-JSON, which has no duplicates);
     * and anything after the object on its line.
     */
    private static final ObjectMapper MAPPER = LedgerJson.objectMapper()
            .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    private static final HexFormat HEX = HexFormat.of();

    private LeafChecker() {
    }

    /** An event of the export: its leaf hash and its payload type (null if it has none that is a string). */
    record Leaf(byte[] hash, String payloadType) {
    }

    /** What the top-level members of a line say, collected as the parser goes by. */
    private static final class TopLevel implements Leaves.MemberListener {
        boolean hasPosition;
        boolean positionIsLong;
        long position;
        boolean hasLeafHash;
        String leafHash;
        String payloadType;

        @Override
        public void member(String name, JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            switch (name) {
                case GLOBAL_POSITION:
                    hasPosition = true;
                    positionIsLong = token == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
                    position = positionIsLong ? parser.getLongValue() : 0;
                    break;
                case Leaves.LEAF_HASH_FIELD:
                    hasLeafHash = true;
                    leafHash = token == JsonToken.VALUE_STRING ? parser.getText() : "";
                    break;
                case PAYLOAD_TYPE:
                    payloadType = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    break;
                default:
                    break;
            }
        }
    }

    /** The event on {@code line}, which must be the event at {@code position}: its leaf hash and payload type. */
    static Leaf leaf(byte[] line, long position) throws LogMismatch {
        TopLevel top = new TopLevel();
        byte[] leafHash;
        try (JsonParser parser = MAPPER.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw notAnObject(position);
            }
            leafHash = Leaves.leafHash(parser, top);
            if (leafHash == null) {
                return fromTree(line, position);
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new LogMismatch(position, "the line of the event at position " + position + " is not JSON "
                        + "(Trailing token (of type " + after + ") found after value)");
            }
        } catch (JsonProcessingException e) {
            throw notJson(position, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
        checkPosition(top.hasPosition, top.positionIsLong, top.position, position);
        checkLeafHash(top.hasLeafHash ? top.leafHash : null, leafHash, position);
        return new Leaf(leafHash, top.payloadType);
    }

    /** The tree path, for a line with what the streamed canonical form does not write. */
    private static Leaf fromTree(byte[] line, long position) throws LogMismatch {
        JsonNode event;
        try {
            event = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw notJson(position, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory cannot fail", e);
        }
        if (event == null || !event.isObject()) {
            throw notAnObject(position);
        }
        JsonNode globalPosition = event.get(GLOBAL_POSITION);
        checkPosition(globalPosition != null, globalPosition != null && globalPosition.isIntegralNumber()
                && globalPosition.canConvertToLong(), globalPosition == null ? 0 : globalPosition.longValue(),
                      position);
        JsonNode claimed = event.get(Leaves.LEAF_HASH_FIELD);
        byte[] leafHash;
        try {
            leafHash = Leaves.leafHash(event);
        } catch (IllegalArgumentException e) {
            throw new LogMismatch(position, "event at position " + position + " cannot be a leaf: " + e.getMessage());
        }
        checkLeafHash(claimed == null ? null : claimed.isTextual() ? claimed.textValue() : "", leafHash, position);
        JsonNode payloadType = event.get(PAYLOAD_TYPE);
        return new Leaf(leafHash, payloadType != null && payloadType.isTextual() ? payloadType.textValue() : null);
    }

    private static LogMismatch notJson(long position, JsonProcessingException e) {
        return new LogMismatch(position, "the line of the event at position " + position + " is not JSON ("
                + e.getOriginalMessage() + ")");
    }

    private static LogMismatch notAnObject(long position) {
        return new LogMismatch(position, "the line of the event at position " + position + " is not a JSON object");
    }

    private static void checkPosition(boolean present, boolean isLong, long found, long expected)
            throws LogMismatch {
        if (!present || !isLong) {
            throw new LogMismatch(expected, "the event at position " + expected + " has no integer "
                    + GLOBAL_POSITION);
        }
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

    /** {@code claimed} is the line's {@code leafHash} ("" if it is not a string), null if it has none. */
    private static void checkLeafHash(String claimed, byte[] leafHash, long position) throws LogMismatch {
        if (claimed == null) {
            return;
        }
        if (claimed.length() != 64
                || !claimed.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new LogMismatch(position, "the " + Leaves.LEAF_HASH_FIELD + " of the event at position " + position
                    + " is not 64 lowercase hex digits");
        }
        if (!MessageDigest.isEqual(HEX.parseHex(claimed), leafHash)) {
            throw new LogMismatch(position, "event at position " + position
                    + " does not match the leaf the log committed to (changed after it was logged?)");
        }
    }
}
