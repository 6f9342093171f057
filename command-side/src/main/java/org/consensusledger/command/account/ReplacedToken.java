package org.consensusledger.command.account;

import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * Marks a request made with a token that a newer one replaced, still in its change-over period (presented itself, or
 * the token a console session was signed in with): it reads and sends commands, but does not renew the account's
 * token, or a token that leaked could push its successor out again and again.
 */
final class ReplacedToken {

    private static final String ATTRIBUTE = ReplacedToken.class.getName();

    private ReplacedToken() {
    }

    /** Marks the request; {@code validUntil} is the end of the token's change-over period. */
    static void mark(HttpServletRequest request, Instant validUntil) {
        request.setAttribute(ATTRIBUTE, validUntil);
    }

    /** The end of the change-over period of the replaced token this request was made with, if it was. */
    static Optional<Instant> presented(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Instant until ? Optional.of(until) : Optional.empty();
    }
}
