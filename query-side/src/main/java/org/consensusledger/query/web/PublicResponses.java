package org.consensusledger.query.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

import java.util.function.Supplier;

/**
 * A public read of one document: its {@code ETag} is the log position the document reflects, so a client that
 * already has that state gets 304 without the body being built; caches must revalidate ({@code no-cache}).
 */
public final class PublicResponses {

    private PublicResponses() {
    }

    public static <T> ResponseEntity<T> cached(WebRequest request, long position, Supplier<T> body) {
        String etag = "\"" + position + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePublic()).body(body.get());
    }
}
