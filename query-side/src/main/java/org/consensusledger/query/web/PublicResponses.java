package org.consensusledger.query.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A public read of one document: its {@code ETag} is the log position the document reflects (and, once this instance
 * rebuilt its read models, which rebuild: see {@code Rebuilds#version}), so a client that already has that state gets
 * 304 without the body being built; caches must revalidate ({@code no-cache}).
 */
public final class PublicResponses {

    private PublicResponses() {
    }

    public static <T> ResponseEntity<T> cached(WebRequest request, String version, Supplier<T> body) {
        String etag = "\"" + version + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePublic()).body(body.get());
    }

    /**
     * The same response, from JSON already written for that position: the bytes go out as they are, with the same
     * headers. Returns {@code null}, as the response is then complete.
     */
    public static <T> ResponseEntity<T> cachedJson(WebRequest request, HttpServletResponse response, String version,
                                                   byte[] json) throws IOException {
        String etag = "\"" + version + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().cachePublic().getHeaderValue());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
        return null;
    }
}
