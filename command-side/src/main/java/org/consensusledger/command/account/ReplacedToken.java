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
    private static final String PRESENTED_HASH = ReplacedToken.class.getName() + ".presentedHash";

    private ReplacedToken() {
    }

    /** Marks the request; {@code validUntil} is the end of the token's change-over period. */
    static void mark(HttpServletRequest request, Instant validUntil) {
        request.setAttribute(ATTRIBUTE, validUntil);
    }

    /**
     * Notes the hash of the token the request was made with (a bearer token, or the token a console session was
     * signed in with): an account renewing its own token renews that token only if it is still the current one.
     */
    static void presentedHash(HttpServletRequest request, String tokenHash) {
        request.setAttribute(PRESENTED_HASH, tokenHash);
    }

    /** The hash of the token the request was made with, if it was made with one. */
    static Optional<String> presentedHash(HttpServletRequest request) {
        return request.getAttribute(PRESENTED_HASH) instanceof String hash ? Optional.of(hash) : Optional.empty();
    }

    /** The end of the change-over period of the replaced token this request was made with, if it was. */
    static Optional<Instant> presented(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Instant until ? Optional.of(until) : Optional.empty();
    }
}
