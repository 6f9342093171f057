package org.consensusledger.command.web;

import org.consensusledger.command.shared.AggregateViews;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aggregate versions on the wire: every command response carries the aggregate's version (its last sequence number)
 * as a strong {@code ETag}, and a command sent with {@code If-Match: "<version>"} fails with 412 if the aggregate has
 * moved on since.
 */
public final class Versions {

    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private Versions() {
    }

    /** The version in an {@code If-Match} header; null when there is no header or it is {@code *}. */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new InvalidHeader("If-Match", "If-Match must be one entity tag of this API, e.g. \"3\", as sent in "
                    + "an ETag header; got " + ifMatch);
        }
        return Long.parseLong(matcher.group(1));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    public static <T> ResponseEntity<T> created(URI location, long version, T body) {
        return ResponseEntity.created(location).header(HttpHeaders.ETAG, etag(version)).body(body);
    }

    /** An aggregate's view, with the version it was taken at as ETag. */
    public static <T> ResponseEntity<T> ok(AggregateViews.Versioned<T> view) {
        return ok(view.version(), view.view());
    }

    public static <T> ResponseEntity<T> ok(long version, T body) {
        return ResponseEntity.status(HttpStatus.OK).header(HttpHeaders.ETAG, etag(version)).body(body);
    }

    /** A request header that cannot be understood (HTTP 400). */
    public static class InvalidHeader extends RuntimeException {

        private final String header;

        InvalidHeader(String header, String message) {
            super(message);
            this.header = header;
        }

        public String header() {
            return header;
        }
    }
}
