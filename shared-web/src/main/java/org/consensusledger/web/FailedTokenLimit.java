package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Failed bearer tokens per client address ({@code ledger.rate-limits.failed-authentication}): the command side's API
 * and the query side's administration. A request that presents a token is refused with 429 while its address has
 * used up its attempts — a right token's too (else the different answer would let guessing go on through the
 * lockout). Otherwise it goes on, its answer held back; a 401 then takes one attempt from the bucket, and if none is
 * left (other guesses under way at the same moment took the last) the 401 is replaced by the 429: so however many
 * guesses run at once, no more than the bucket's capacity are answered 401, and right tokens, however many at once,
 * take nothing. A request without a token (the console's, on its session) is neither counted nor refused here: it
 * guesses nothing.
 */
public final class FailedTokenLimit extends OncePerRequestFilter {

    private final RateLimiter failedAuthentication;

    public FailedTokenLimit(RateLimiter failedAuthentication) {
        this.failedAuthentication = failedAuthentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = ClientAddress.of(request);
        long wait = failedAuthentication.waitFor(address);
        if (wait > 0) {
            refuse(response, wait);
            return;
        }
        HeldAnswer answer = new HeldAnswer(response);
        chain.doFilter(request, answer);
        if (answer.getStatus() == HttpStatus.UNAUTHORIZED.value() && !response.isCommitted()) {
            long refused = failedAuthentication.take(address);
            if (refused > 0) {
                response.reset();
                refuse(response, refused);
                return;
            }
        }
        answer.release();
    }

    /** The answer's body held back until it is known whether it may be sent as it is. */
    private static final class HeldAnswer extends ContentCachingResponseWrapper {

        HeldAnswer(HttpServletResponse response) {
            super(response);
        }

        /**
         * Writes the held body to the response without flushing it: the container sends it when the request is
         * done, as if it had never been held (the request log, outside this filter, still writes its line first).
         */
        void release() throws IOException {
            copyBodyToResponse(false);
        }
    }

    private static void refuse(HttpServletResponse response, long seconds) throws IOException {
        TooManyRequests.answer(response, seconds, "Too many failed authentication attempts from this address; try "
                + "again in " + TooManyRequests.seconds(seconds));
    }
}
