package org.consensusledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Every answer of the JSON API ({@code /api/**}), problems and refusals of the filters after it included, tells the
 * browser not to guess another type than the one declared ({@code X-Content-Type-Options: nosniff}), so that a
 * recorded text can never be run as a script or a stylesheet; and never to send the API's address elsewhere
 * ({@code Referrer-Policy: no-referrer}). Set before anything else answers. The console sets its own headers
 * ({@code ConsoleSessionFilter}).
 */
class NoSniffFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
