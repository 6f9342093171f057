package org.consensusledger.command.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.web.ClientAddress;
import org.consensusledger.web.RateLimiter;
import org.consensusledger.web.TooManyRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Failed bearer tokens on the API, per client address: a request that presents a token answered 401 (wrong, unknown,
 * revoked or expired) counts; once the address has used up its attempts, every request presenting a token is
 * answered 429, a right token's too (else the different answer would let guessing go on through the lockout). A
 * request without a token (the console's, on its session) is neither counted nor refused here: it guesses nothing.
 */
class FailedTokenLimit extends OncePerRequestFilter {

    private final RateLimiter failedAuthentication;

    FailedTokenLimit(RateLimiter failedAuthentication) {
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
            TooManyRequests.answer(response, wait, "Too many failed authentication attempts from this address; try "
                    + "again in " + TooManyRequests.seconds(wait));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failedAuthentication.take(address);
        }
    }
}
