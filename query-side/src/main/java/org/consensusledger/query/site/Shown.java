package org.consensusledger.query.site;

/**
 * A value a reader typed, as a page may repeat it back: cut to {@value #MAX_LENGTH} characters (with an ellipsis),
 * control characters, lone surrogates and formatting characters written as their code points ({@code U+0007}).
 * Pages escape it for HTML besides.
 */
final class Shown {

    static final int MAX_LENGTH = 60;

    private Shown() {
    }

    static String of(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        int i = 0;
        int characters = 0;
        while (i < value.length() && characters < MAX_LENGTH) {
            int c = value.codePointAt(i);
            boolean lone = Character.isSurrogate(value.charAt(i)) && Character.charCount(c) == 1;
            int type = Character.getType(c);
            if (lone || Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                shown.append(String.format("U+%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
            i += Character.charCount(c);
            characters++;
        }
        if (i < value.length()) {
            shown.append('…');
        }
        return shown.toString();
    }
}
