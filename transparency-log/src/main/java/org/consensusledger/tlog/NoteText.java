package org.consensusledger.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The textual rules shared by the C2SP formats: note text, key names, strict base64, decimals. */
final class NoteText {

    private NoteText() {
    }

    /** Strict UTF-8 decoding: malformed input is refused, never replaced. */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                                         .onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(ByteBuffer.wrap(bytes))
                                         .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not valid UTF-8");
        }
    }

    /**
     * Checks the characters of a note: encodable as UTF-8 (no unpaired surrogates) and no control character other
     * than newline (U+000A).
     */
    static void checkCharacters(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new IllegalArgumentException(what + " has control character U+"
                        + String.format("%04X", (int) c) + " at " + i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " is not valid Unicode (unpaired surrogate at " + i + ")");
            }
        }
    }

    /** Checks a note text: valid characters, non-empty, ending in a newline. */
    static void checkNoteText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("note text is empty");
        }
        checkCharacters(text, "note text");
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("note text does not end in a newline");
        }
    }

    /** Checks a key name: non-empty, no '+', no Unicode space, no control character. */
    static void checkKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name is empty");
        }
        checkCharacters(name, "key name");
        int i = 0;
        while (i < name.length()) {
            int c = name.codePointAt(i);
            if (c == '+' || c == '\n' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("key name \"" + name + "\" contains a space or '+'");
            }
            i += Character.charCount(c);
        }
    }

    /** Standard base64 (RFC 4648 §4) with padding, refusing any other spelling of the same bytes. */
    static byte[] base64(String text, String what) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64");
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException(what + " is not canonical padded base64");
        }
        return bytes;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A non-negative decimal without leading zeros (other than "0" itself), as tree sizes and indexes are written. */
    static long decimal(String text, String what) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || (text.length() > 1 && text.charAt(0) == '0')) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is too large");
        }
    }
}
