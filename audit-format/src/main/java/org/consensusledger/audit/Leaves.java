package org.consensusledger.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.tlog.MerkleHash;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * The leaves of the transparency log: one per stored event, in global order. A leaf's bytes are the RFC 8785
 * (JSON Canonicalization Scheme) form of the event exactly as the event log exports it (fields
 * {@code globalPosition}, {@code eventId}, {@code aggregateId}, {@code aggregateType}, {@code sequenceNumber},
 * {@code payloadType}, {@code payloadRevision}, {@code timestamp}, {@code payload}, {@code metadata}), so that an
 * auditor can recompute every leaf from an export with any RFC 8785 implementation, whatever the field order or
 * whitespace of the export.
 *
 * <p>A top-level field named {@value #LEAF_HASH_FIELD} is left out: the export adds each event's leaf hash to its
 * line, and a hash cannot cover itself. Numbers must be exactly representable as IEEE-754 doubles (RFC 8785
 * §3.2.2.3 writes every number as one); any other number is refused rather than silently rounded, because two
 * different events would then share a leaf.
 *
 * <p>The canonical form is written straight from the JSON tree where it can be ({@link CanonicalJson}: all events
 * the ledger writes), and by the library otherwise; both give the same bytes.
 */
public final class Leaves {

    /** The top-level field the export adds to each event, and which canonical bytes leave out. */
    public static final String LEAF_HASH_FIELD = "leafHash";

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    private Leaves() {
    }

    /** The RFC 8785 bytes (UTF-8) of a stored event, without its {@value #LEAF_HASH_FIELD} field. */
    public static byte[] canonicalBytes(JsonNode storedEvent) {
        if (storedEvent == null || !storedEvent.isObject()) {
            throw new IllegalArgumentException("a stored event is a JSON object, not "
                    + (storedEvent == null ? "null" : storedEvent.getNodeType()));
        }
        byte[] direct = CanonicalJson.write(storedEvent, LEAF_HASH_FIELD);
        if (direct != null) {
            return direct;
        }
        ObjectNode event = ((ObjectNode) storedEvent).deepCopy();
        event.remove(LEAF_HASH_FIELD);
        checkNumbers(event, "$");
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(event)).getEncodedUTF8();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored event cannot be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event cannot be canonicalised", e);
        }
    }

    /** Told each top-level member of an event as {@link #leafHash(JsonParser, MemberListener)} reads it. */
    @FunctionalInterface
    public interface MemberListener {
        /**
         * Called with the parser at the member's value (its first token, for an object or array); the listener may
         * read a scalar's value but must not move the parser.
         */
        void member(String name, JsonParser parser) throws IOException;
    }

    /**
     * The leaf hash of the stored event the parser is at (current token {@code START_OBJECT}), read straight from the
     * parser's tokens without a JSON tree; the same bytes as {@link #leafHash(JsonNode)}. Returns null, with the
     * parser somewhere inside the object, when the event holds something only the canonicalisation library writes
     * (a fraction, an integer beyond ±2^53, a lone surrogate): then parse it into a tree and use
     * {@link #leafHash(JsonNode)}. Reads up to the object's {@code END_OBJECT}, nothing after it.
     *
     * @param listener told each top-level member as it goes by (null for none)
     */
    public static byte[] leafHash(JsonParser parser, MemberListener listener) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("a stored event is a JSON object, not " + parser.currentToken());
        }
        byte[] canonical = CanonicalJson.write(parser, LEAF_HASH_FIELD, listener);
        return canonical == null ? null : MerkleHash.leafHash(canonical);
    }

    /** The leaf hash of a stored event: {@link MerkleHash#leafHash} of its {@link #canonicalBytes}. */
    public static byte[] leafHash(JsonNode storedEvent) {
        return MerkleHash.leafHash(canonicalBytes(storedEvent));
    }

    private static void checkNumbers(JsonNode node, String path) {
        if (node.isNumber()) {
            BigDecimal exact = node.decimalValue();
            double approximate = exact.doubleValue();
            if (Double.isInfinite(approximate) || BigDecimal.valueOf(approximate).compareTo(exact) != 0) {
                throw new IllegalArgumentException("number " + node.asText() + " at " + path
                        + " is not exactly an IEEE-754 double, so RFC 8785 would change it");
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                checkNumbers(field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
