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
 * 5xx are logged with their stack trace where they happen. A rate limit's refusal (429) is logged at INFO only when it
 * is the client's first in a minute ({@link RefusalLog}), with the client's address; the others of that minute go to
 * DEBUG, and their number is logged at INFO when the minute is over: a locked-out client does not fill the log.
 */
class RequestLog extends OncePerRequestFilter {

    private static final Logger LOGGER = LoggerFactory.getLogger(RequestLog.class);
    private static final String PROBLEM = RequestLog.class.getName() + ".problem";
    private static final int TOO_MANY_REQUESTS = 429;

    private final RefusalLog refusals;

    RequestLog(int trackedClients) {
        this.refusals = new RefusalLog(trackedClients, RequestLog::summary);
    }

    /** With a refusal log a test moves in time. */
    RequestLog(RefusalLog refusals) {
        this.refusals = refusals;
    }

    /** Notes the problem a request is answered with, for its log line. */
    static void problem(HttpServletRequest request, Object type, String detail) {
        request.setAttribute(PROBLEM, type + ": " + detail);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status < 400 || status >= 500) {
            return;
        }
        if (status != TOO_MANY_REQUESTS) {
            LOGGER.info(line(request, status));
            return;
        }
        String client = ClientAddress.of(request);
        if (refusals.first(client)) {
            LOGGER.info("{} (client {}: its further 429s in the next {} s are counted, each at DEBUG)",
                        line(request, status), LogSafe.of(client), RefusalLog.WINDOW.toSeconds());
        } else if (LOGGER.isDebugEnabled()) {
            LOGGER.debug("{} (client {})", line(request, status), LogSafe.of(client));
        }
    }

    /** Status, method, path and query, and the problem's type and detail when a problem was answered. */
    private static String line(HttpServletRequest request, int status) {
        String query = request.getQueryString();
        Object problem = request.getAttribute(PROBLEM);
        return status + " " + LogSafe.of(request.getMethod()) + " "
                + LogSafe.of(request.getRequestURI() + (query == null ? "" : "?" + query))
                + (problem == null ? "" : " " + LogSafe.of(problem));
    }

    static void summary(String client, long more) {
        LOGGER.info("429 x {} more to client {} in the {} s after its first (logged each at DEBUG)", more,
                    LogSafe.of(client), RefusalLog.WINDOW.toSeconds());
    }
}
