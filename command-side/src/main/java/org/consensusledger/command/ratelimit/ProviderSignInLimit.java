package org.consensusledger.command.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The start of a sign-in at an identity provider ({@code /oauth2/authorization/*}) is a sign-in form by another door:
 * each one holds a sign-in under way in memory, so it counts against the address's anonymous sessions, and an address
 * locked out by failed sign-ins is refused here too. A refusal is the console's page in words, with status 429 and
 * {@code Retry-After}.
 */
class ProviderSignInLimit extends OncePerRequestFilter {

    private final SignInLimits limits;

    ProviderSignInLimit(SignInLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long lockedOut = limits.lockedOut(request);
        long wait = lockedOut > 0 ? lockedOut : limits.newAnonymousSession(request);
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
        request.setAttribute(SignInLimits.REASON_ATTRIBUTE,
                             lockedOut > 0 ? "tooMany.failedSignIns" : "tooMany.sessions");
        request.setAttribute(SignInLimits.SECONDS_ATTRIBUTE, wait);
        request.getRequestDispatcher(SignInLimits.TOO_MANY_PATH).forward(request, response);
    }
}
