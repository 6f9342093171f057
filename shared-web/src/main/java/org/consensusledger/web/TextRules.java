package org.consensusledger.web;

import java.text.Normalizer;

/**
 * The rules every text a request brings into the ledger meets before any command is built. What is stored is
 * published for ever, hashed, and shown in pages, feeds and terminals: control characters can forge lines or break
 * XML, bidirectional overrides make a text display differently from what was recorded, lone surrogates are not
 * Unicode at all (their UTF-8 bytes, and so any hash, are undefined), and the same words in two normal forms would
 * hash differently. So line breaks become LF, such characters are refused, and what is kept is NFC.
 */
public final class TextRules {

    private TextRules() {
    }

    /**
     * The text as the ledger keeps it: CRLF and lone CR turned into LF, then NFC.
     *
     * @throws RefusedInput naming the first character that is not allowed
     */
    public static String normalise(String text) {
        String lines = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        String refusal = refusal(lines);
        if (refusal != null) {
            throw new RefusedInput(refusal);
        }
        return Normalizer.isNormalized(lines, Normalizer.Form.NFC)
                ? lines : Normalizer.normalize(lines, Normalizer.Form.NFC);
    }

    /** Why the text is refused, naming the first character not allowed; null when every character is allowed. */
    public static String refusal(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                if (isNoncharacter(codePoint)) {
                    return noncharacter(codePoint);
                }
            } else if (Character.isSurrogate(c)) {
                return "contains " + codePoint(c) + ", half of a character that needs two (a lone surrogate): the "
                        + "text is not valid Unicode";
            } else if (c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F) {
                return "contains the control character " + codePoint(c) + "; only line breaks and tabs are allowed";
            } else if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
                return "contains the bidirectional formatting character " + codePoint(c) + ", which can make a text "
                        + "display differently from what is recorded";
            } else if (isNoncharacter(c)) {
                return noncharacter(c);
            }
        }
        return null;
    }

    /** {@code U+0007}: how messages name a character, never showing it raw. */
    public static String codePoint(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    private static String noncharacter(int codePoint) {
        return "contains " + codePoint(codePoint) + ", which Unicode reserves as a noncharacter, never to be "
                + "exchanged in texts";
    }

    /** U+FDD0 to U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, ...). */
    private static boolean isNoncharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
