package org.consensusledger.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 written straight from a JSON tree or from a JSON parser's tokens, for the common case: objects (members
 * sorted by their names' UTF-16 code units), arrays, strings of well-formed Unicode (escaped as ECMAScript's
 * {@code JSON.stringify} does), true, false, null, and numbers that are exactly a double (integers within ±2^53
 * directly, others with the library's ECMAScript number serialiser). Anything else (a number no double holds, a lone
 * surrogate) is left to the canonicalisation library: {@code write} then returns null. The two agree byte for byte
 * on everything this writes (tested against each other). The bytes are written as UTF-8 into one growing buffer; an
 * object's members are written as they come and put in order, by copying, when the object ends.
 */
final class CanonicalJson {

    private static final long LARGEST_EXACT = 1L << 53;
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of the object without its top-level member {@code skipped}; null if not handled. */
    static byte[] write(JsonNode object, String skipped) {
        Utf8 out = new Utf8(1024);
        return writeObject(object, skipped, out) ? out.toBytes() : null;
    }

    /**
     * The canonical UTF-8 bytes of the object the parser is at (its current token {@code START_OBJECT}), without
     * its top-level member {@code skipped}, read from the parser's tokens with no tree in between; null if not
     * handled (the parser is then somewhere inside the object).
     */
    static byte[] write(JsonParser parser, String skipped, Leaves.MemberListener topLevel) throws IOException {
        Utf8 out = new Utf8(1024);
        return writeObject(parser, skipped, topLevel, out) ? out.toBytes() : null;
    }

    /** A member written at {@code [start, end)} of the output, to be put in place by name. */
    private record Member(String name, int start, int end) implements Comparable<Member> {
        @Override
        public int compareTo(Member other) {
            return name.compareTo(other.name);
        }
    }

    private static boolean writeObject(JsonParser parser, String skipped, Leaves.MemberListener topLevel, Utf8 out)
            throws IOException {
        out.put('{');
        int start = out.length;
        List<Member> members = new ArrayList<>();
        boolean sorted = true;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (topLevel != null) {
                topLevel.member(name, parser);
            }
            if (name.equals(skipped)) {
                parser.skipChildren();
                continue;
            }
            if (!members.isEmpty()) {
                sorted &= members.get(members.size() - 1).name.compareTo(name) < 0;
                out.put(',');
            }
            int from = out.length;
            if (!writeString(name, out)) {
                return false;
            }
            out.put(':');
            if (!writeValue(parser, value, out)) {
                return false;
            }
            members.add(new Member(name, from, out.length));
        }
        if (token != JsonToken.END_OBJECT) {
            return false;
        }
        if (!sorted) {
            reorder(members, start, out);
        }
        out.put('}');
        return true;
    }

    /** Puts the members written since {@code start} (commas between them) in the order of their names. */
    private static void reorder(List<Member> members, int start, Utf8 out) {
        members.sort(null); // String order is UTF-16 code unit order, as RFC 8785 §3.2.3 asks
        byte[] written = Arrays.copyOfRange(out.bytes, start, out.length);
        out.length = start;
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.put(',');
            }
            Member member = members.get(i);
            out.put(written, member.start - start, member.end - member.start);
        }
    }

    private static boolean writeValue(JsonParser parser, JsonToken token, Utf8 out) throws IOException {
        switch (token) {
            case START_OBJECT:
                return writeObject(parser, null, null, out);
            case START_ARRAY:
                out.put('[');
                boolean first = true;
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (item == null) {
                        return false;
                    }
                    if (!first) {
                        out.put(',');
                    }
                    first = false;
                    if (!writeValue(parser, item, out)) {
                        return false;
                    }
                }
                out.put(']');
                return true;
            case VALUE_STRING:
                return writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), out);
            case VALUE_TRUE:
                out.put(TRUE, 0, TRUE.length);
                return true;
            case VALUE_FALSE:
                out.put(FALSE, 0, FALSE.length);
                return true;
            case VALUE_NULL:
                out.put(NULL, 0, NULL.length);
                return true;
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
                    long value = parser.getLongValue();
                    if (value <= LARGEST_EXACT && value >= -LARGEST_EXACT) {
                        out.putLong(value);
                        return true;
                    }
                }
                return writeNumber(parser.getDecimalValue(), out);
            case VALUE_NUMBER_FLOAT:
                return writeNumber(parser.getDecimalValue(), out);
            default:
                return false;
        }
    }

    private static boolean write(JsonNode node, Utf8 out) {
        switch (node.getNodeType()) {
            case OBJECT:
                return writeObject(node, null, out);
            case ARRAY:
                out.put('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    if (!write(node.get(i), out)) {
                        return false;
                    }
                }
                out.put(']');
                return true;
            case STRING:
                return writeString(node.textValue(), out);
            case BOOLEAN:
                byte[] word = node.booleanValue() ? TRUE : FALSE;
                out.put(word, 0, word.length);
                return true;
            case NULL:
                out.put(NULL, 0, NULL.length);
                return true;
            case NUMBER:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    long value = node.longValue();
                    if (value <= LARGEST_EXACT && value >= -LARGEST_EXACT) {
                        out.putLong(value);
                        return true;
                    }
                }
                return writeNumber(node.decimalValue(), out);
            default:
                return false;
        }
    }

    private static boolean writeObject(JsonNode object, String skipped, Utf8 out) {
        List<String> names = new ArrayList<>(object.size());
        for (Iterator<String> fields = object.fieldNames(); fields.hasNext(); ) {
            String name = fields.next();
            if (!name.equals(skipped)) {
                names.add(name);
            }
        }
        names.sort(null); // String order is UTF-16 code unit order, as RFC 8785 §3.2.3 asks
        out.put('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.put(',');
            }
            if (!writeString(names.get(i), out)) {
                return false;
            }
            out.put(':');
            if (!write(object.get(names.get(i)), out)) {
                return false;
            }
        }
        out.put('}');
        return true;
    }

    /**
     * A number other than a small integer, as ECMAScript writes the double it is (the library's own number
     * serialiser); false if no double is exactly this number (RFC 8785 would change it: refused elsewhere).
     */
    private static boolean writeNumber(BigDecimal exact, Utf8 out) {
        double value = exact.doubleValue();
        if (Double.isInfinite(value) || BigDecimal.valueOf(value).compareTo(exact) != 0) {
            return false;
        }
        try {
            String text = NumberToJSON.serializeNumber(value);
            for (int i = 0; i < text.length(); i++) {
                out.put(text.charAt(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private static boolean writeString(String text, Utf8 out) {
        return writeString(text.toCharArray(), 0, text.length(), out);
    }

    private static boolean writeString(char[] chars, int offset, int length, Utf8 out) {
        out.ensure(length * 6 + 2); // the longest a char can become: an escape of 6, or 3 bytes of UTF-8
        byte[] bytes = out.bytes;
        int at = out.length;
        bytes[at++] = '"';
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    bytes[at++] = '\\';
                }
                bytes[at++] = (byte) c;
            } else if (c < 0x20) {
                bytes[at++] = '\\';
                switch (c) {
                    case '\b':
                        bytes[at++] = 'b';
                        break;
                    case '\f':
                        bytes[at++] = 'f';
                        break;
                    case '\n':
                        bytes[at++] = 'n';
                        break;
                    case '\r':
                        bytes[at++] = 'r';
                        break;
                    case '\t':
                        bytes[at++] = 't';
                        break;
                    default:
                        bytes[at++] = 'u';
                        bytes[at++] = '0';
                        bytes[at++] = '0';
                        bytes[at++] = HEX[c >> 4];
                        bytes[at++] = HEX[c & 0xf];
                }
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xc0 | (c >> 6));
                bytes[at++] = (byte) (0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                bytes[at++] = (byte) (0xe0 | (c >> 12));
                bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[at++] = (byte) (0x80 | (c & 0x3f));
            } else {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(chars[i + 1])) {
                    return false;
                }
                int code = Character.toCodePoint(c, chars[++i]);
                bytes[at++] = (byte) (0xf0 | (code >> 18));
                bytes[at++] = (byte) (0x80 | ((code >> 12) & 0x3f));
                bytes[at++] = (byte) (0x80 | ((code >> 6) & 0x3f));
                bytes[at++] = (byte) (0x80 | (code & 0x3f));
            }
        }
        bytes[at++] = '"';
        out.length = at;
        return true;
    }

    /** A growing buffer of UTF-8 bytes. */
    private static final class Utf8 {
        byte[] bytes;
        int length;

        Utf8(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** An ASCII character. */
        void put(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
        }

        void put(byte[] from, int offset, int count) {
            ensure(count);
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        void putLong(long value) {
            String digits = Long.toString(value);
            ensure(digits.length());
            for (int i = 0; i < digits.length(); i++) {
                bytes[length++] = (byte) digits.charAt(i);
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
