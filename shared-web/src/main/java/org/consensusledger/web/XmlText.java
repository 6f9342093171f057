package org.consensusledger.web;

/**
 * Text as XML 1.0 can hold it. The log may hold texts with characters XML forbids (control characters other than
 * tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF): events stored before the API refused them,
 * or written by other means. They are never changed there; an XML document that shows them replaces each by U+FFFD,
 * so the document stays well-formed for every reader.
 */
public final class XmlText {

    static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean allowed = pair || c == '\t' || c == '\n' || c == '\r'
                    || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
            if (!allowed && clean == null) {
                clean = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (clean != null) {
                clean.append(allowed ? c : REPLACEMENT);
                if (pair) {
                    clean.append(text.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return clean == null ? text : clean.toString();
    }
}
