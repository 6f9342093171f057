package org.consensusledger.web;

/**
 * Values taken from a request (ids, paths, header values) as they may appear in a log line: control characters,
 * line and paragraph separators, lone surrogates and bidirectional formatting characters escaped ({@code \n},
 * {@code \u0007}), backslashes doubled so an escape cannot be faked, and long values cut. An id holding a line break
 * can then never forge a log line of its own.
 */
public final class LogSafe {

    /** Longer values are cut: a log line names a value, it does not store it. */
    static final int MAX_LENGTH = 300;

    private LogSafe() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder safe = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                safe.append("\\\\");
            } else if (c == '\n') {
                safe.append("\\n");
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\t') {
                safe.append("\\t");
            } else if (needsEscape(text, i, c)) {
                safe.append(String.format("\\u%04x", (int) c));
            } else {
                safe.append(c);
            }
        }
        if (text.length() > length) {
            safe.append("…(").append(text.length() - length).append(" more characters)");
        }
        return safe.toString();
    }

    private static boolean needsEscape(String text, int i, char c) {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
