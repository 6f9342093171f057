package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * An error the actuator answers with no body at all (its 404 for a health component it does not know) is given the
 * problem {@code /error} writes; the applications' own errors always have one. Without it, such an answer would be the
 * one error a client could not read.
 */
class EmptyErrorBodies extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracking tracking = new Tracking(response);
        chain.doFilter(request, tracking);
        if (tracking.getStatus() >= 400 && !tracking.written && !response.isCommitted()) {
            response.sendError(tracking.getStatus());
        }
    }

    /** Notes whether anything asked for the body. */
    private static final class Tracking extends HttpServletResponseWrapper {

        private boolean written;

        Tracking(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            written = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            written = true;
            return super.getWriter();
        }

        @Override
        public void sendError(int status) throws IOException {
            written = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            written = true;
            super.sendError(status, message);
        }
    }
}
