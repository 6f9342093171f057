package org.consensusledger.query.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.query.projection.ProjectionStops;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * Tells every client of the JSON API when the public record is behind the log: while a read model is stopped at an
 * event it could not take in, each {@code /api/} response carries {@code Public-Record-Behind-Since: <position>},
 * the position from which the log's events are missing from what the API shows (the site shows a banner).
 */
@Component
class PublicRecordHeader extends OncePerRequestFilter {

    static final String HEADER = "Public-Record-Behind-Since";

    private final ProjectionStops stops;

    PublicRecordHeader(ProjectionStops stops) {
        this.stops = stops;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong since = stops.behindSince();
        if (since.isPresent()) {
            response.setHeader(HEADER, Long.toString(since.getAsLong()));
        }
        chain.doFilter(request, response);
    }
}
