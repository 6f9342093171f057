package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

/**
 * The headers of every page of the console, wherever it is served from ({@code /console/**}, the signed-in page, the
 * sign-in refused at an identity provider's door): no framing, no inline script or third-party content, no sniffing,
 * no referrer beyond the site, never cached.
 */
public final class ConsolePageHeaders {

    static final String POLICY = "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ConsolePageHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
