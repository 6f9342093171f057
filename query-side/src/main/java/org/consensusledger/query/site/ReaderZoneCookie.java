package org.consensusledger.query.site;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Remembers the time zone a reader chose ({@code ?tz=Europe/Zurich}) in the cookie {@code tz} for a year
 * ({@code SameSite=Lax}, the whole site), so the next pages are shown in it without any script. Runs before the page
 * cache, which sends kept pages without asking the controllers again. A value that names no zone sets nothing.
 */
class ReaderZoneCookie extends OncePerRequestFilter {

    static final Duration KEPT = Duration.ofDays(365);

    /** The site's pages only: not the JSON APIs or the actuator. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            Optional<ZoneId> chosen = ReaderZone.parse(request.getParameter(ReaderZone.PARAMETER));
            chosen.ifPresent(zone -> response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie
                    .from(ReaderZone.COOKIE, request.getParameter(ReaderZone.PARAMETER))
                    .path("/").maxAge(KEPT).sameSite("Lax").httpOnly(true).build().toString()));
        }
        chain.doFilter(request, response);
    }
}
