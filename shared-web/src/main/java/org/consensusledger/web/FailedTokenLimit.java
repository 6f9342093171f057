package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Failed bearer tokens per client address ({@code ledger.rate-limits.failed-authentication}): the command side's API
 * and the query side's administration. Every request that presents a token takes one attempt from its address's
 * bucket before the token is checked, and gives it back when the answer is not 401 (the token was right); so however
 * many guesses run at once, no more than the bucket's capacity are answered 401. Once the address has used up its
 * attempts, every request presenting a token is answered 429, a right token's too (else the different answer would
 * let guessing go on through the lockout), and so is, for a moment, a right token's while the address's attempts are
 * all under way. A request without a token (the console's, on its session) is neither counted nor refused here: it
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
        RateLimiter.Attempt attempt = failedAuthentication.attempt(ClientAddress.of(request));
        long wait = attempt.refusedFor();
        if (wait > 0) {
            TooManyRequests.answer(response, wait, "Too many failed authentication attempts from this address; try "
                    + "again in " + TooManyRequests.seconds(wait));
            return;
        }
        chain.doFilter(request, response);
        // An exception thrown on the way keeps the attempt taken: only an answer known not to be 401 gives it back.
        if (response.getStatus() != HttpStatus.UNAUTHORIZED.value()) {
            attempt.succeeded();
        }
    }
}
