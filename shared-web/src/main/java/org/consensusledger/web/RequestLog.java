package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Logs every refused request (4xx) in one line, without a stack trace: status, method, path and query (log-safe), and
 * the problem's type and detail when a problem was answered. A refusal is the client's mistake, not the ledger's;
 * 5xx are logged with their stack trace where they happen.
 */
class RequestLog extends OncePerRequestFilter {

    private static final Logger LOGGER = LoggerFactory.getLogger(RequestLog.class);
    private static final String PROBLEM = RequestLog.class.getName() + ".problem";

    /** Notes the problem a request is answered with, for its log line. */
    static void problem(HttpServletRequest request, Object type, String detail) {
        request.setAttribute(PROBLEM, type + ": " + detail);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status >= 400 && status < 500) {
            String query = request.getQueryString();
            Object problem = request.getAttribute(PROBLEM);
            LOGGER.info("{} {} {}{}", status, LogSafe.of(request.getMethod()),
                        LogSafe.of(request.getRequestURI() + (query == null ? "" : "?" + query)),
                        problem == null ? "" : " " + LogSafe.of(problem));
        }
    }
}
