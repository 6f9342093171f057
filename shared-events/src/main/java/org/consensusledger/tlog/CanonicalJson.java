package org.consensusledger.tlog;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 written straight from a JSON tree, for the common case: objects (members sorted by their names' UTF-16
 * code units), arrays, strings of well-formed Unicode (escaped as ECMAScript's {@code JSON.stringify} does), true,
 * false, null, and integers within ±2^53 (which ECMAScript writes as plain decimals). Anything else (a fraction, a
 * larger integer, a lone surrogate) is left to the canonicalisation library: {@link #write} then returns null. The
 * two agree byte for byte on everything this writes (tested against each other).
 */
final class CanonicalJson {

    private static final long LARGEST_EXACT = 1L << 53;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of the object without its top-level member {@code skipped}; null if not handled. */
    static byte[] write(JsonNode object, String skipped) {
        StringBuilder out = new StringBuilder(1024);
        return writeObject(object, skipped, out) ? out.toString().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static boolean write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT:
                return writeObject(node, null, out);
            case ARRAY:
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!write(node.get(i), out)) {
                        return false;
                    }
                }
                out.append(']');
                return true;
            case STRING:
                return writeString(node.textValue(), out);
            case BOOLEAN:
                out.append(node.booleanValue() ? "true" : "false");
                return true;
            case NULL:
                out.append("null");
                return true;
            case NUMBER:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    long value = node.longValue();
                    if (value <= LARGEST_EXACT && value >= -LARGEST_EXACT) {
                        out.append(value);
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private static boolean writeObject(JsonNode object, String skipped, StringBuilder out) {
        List<String> names = new ArrayList<>(object.size());
        for (Iterator<String> fields = object.fieldNames(); fields.hasNext(); ) {
            String name = fields.next();
            if (!name.equals(skipped)) {
                names.add(name);
            }
        }
        names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 §3.2.3 asks
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (!writeString(names.get(i), out)) {
                return false;
            }
            out.append(':');
            if (!write(object.get(names.get(i)), out)) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    private static boolean writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!pair) {
                    return false;
                }
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                switch (c) {
                    case '\b':
                        out.append("\\b");
                        break;
                    case '\f':
                        out.append("\\f");
                        break;
                    case '\n':
                        out.append("\\n");
                        break;
                    case '\r':
                        out.append("\\r");
                        break;
                    case '\t':
                        out.append("\\t");
                        break;
                    default:
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                }
            } else {
                out.append(c);
            }
        }
        out.append('"');
        return true;
    }
}
