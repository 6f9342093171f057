package org.consensusledger.web;

import java.net.URI;
import java.util.Locale;

/**
 * The problem types (RFC 9457) both applications use: {@code urn:consensus-ledger:problem:<name>}, where the name is
 * lowercase words joined by hyphens. A name made from something else (a kind of thing, "open appeal") is turned into
 * that form, so building a type can never fail.
 */
public final class ProblemTypes {

    public static final String PREFIX = "urn:consensus-ledger:problem:";

    private ProblemTypes() {
    }

    public static URI type(String name) {
        return URI.create(PREFIX + slug(name));
    }

    /** {@code "open appeal"} → {@code open-appeal}: lowercase ASCII letters and digits joined by hyphens. */
    public static String slug(String name) {
        String slug = (name == null ? "" : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                                                 .replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "problem" : slug;
    }

    /** The name of a problem known only by its HTTP status (answered by the server or the framework). */
    public static String name(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "not-authenticated";
            case 403 -> "not-allowed";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 413 -> "request-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 500 -> "internal-error";
            case 501 -> "not-implemented";
            case 503 -> "unavailable";
            default -> "http-" + status;
        };
    }

    /** A short title for a status, in plain words. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Authentication required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 413 -> "Request too large";
            case 414 -> "Address too long";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 431 -> "Headers too large";
            case 503 -> "Unavailable";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }

    /** What a status means for the client, when nothing more precise is known. */
    public static String detail(int status) {
        return switch (status) {
            case 400 -> "The request cannot be read: its address, parameters or headers are not valid (e.g. a % not "
                    + "followed by two hexadecimal digits, or a character not allowed in an address).";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take this method.";
            case 406 -> "This address answers only in the media types its description lists.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request is larger than this server accepts.";
            case 414 -> "The address is longer than this server accepts.";
            case 415 -> "This address does not take a body of this media type.";
            case 431 -> "The request's headers are larger than this server accepts.";
            case 503 -> "The server cannot answer now; try again shortly.";
            default -> status >= 500 ? "The server failed unexpectedly while answering this request."
                    : "The request was refused.";
        };
    }

    /**
     * A problem's JSON, for the places that answer without a JSON library at hand (the server's own error reports):
     * {@code type}, {@code title}, {@code status}, {@code detail}, strings escaped as JSON requires.
     */
    public static String json(int status, String name, String title, String detail) {
        return "{\"type\":" + quote(PREFIX + slug(name)) + ",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c >= 0x7F && c <= 0x9F || c == '\u2028'
                    || c == '\u2029') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
