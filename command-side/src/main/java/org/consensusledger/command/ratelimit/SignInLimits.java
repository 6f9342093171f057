package org.consensusledger.command.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.web.ClientAddress;
import org.consensusledger.web.RateLimiter;

/**
 * The console sign-in's limits, asked by the sign-in itself: failed sign-ins per client address (one count with the
 * API's failed tokens: guessing tokens by either door uses up the same attempts), successful sign-ins per account, and
 * the anonymous sessions an address may create (each sign-in form has one, for its CSRF token). Each answer is the
 * seconds to wait, 0 when the request may go on; a sign-in's failed attempt is taken before its token is checked
 * ({@link #attempt}) and given back when the token was right.
 */
public final class SignInLimits {

    /**
     * Where a refused start of a sign-in at an identity provider is forwarded: the console's page in words (outside
     * {@code /console/*}, whose filter would send a visitor who is not signed in to the sign-in instead).
     */
    public static final String TOO_MANY_PATH = "/oauth2/too-many";
    /** The request attributes that page reads: the bundle key of the reason, and the seconds to wait. */
    public static final String REASON_ATTRIBUTE = SignInLimits.class.getName() + ".reason";
    public static final String SECONDS_ATTRIBUTE = SignInLimits.class.getName() + ".seconds";

    private final RateLimiter failedAuthentication;
    private final RateLimiter signIns;
    private final RateLimiter anonymousSessions;

    SignInLimits(RateLimiter failedAuthentication, RateLimiter signIns, RateLimiter anonymousSessions) {
        this.failedAuthentication = failedAuthentication;
        this.signIns = signIns;
        this.anonymousSessions = anonymousSessions;
    }

    /** The failed attempts per address, which the API's failed tokens use up too. */
    RateLimiter failedAuthentication() {
        return failedAuthentication;
    }

    /**
     * A sign-in with a token: takes one of the address's failed attempts before the token is checked, so that
     * parallel sign-ins cannot get more refusals than the limit; the sign-in gives it back with
     * {@link RateLimiter.Attempt#succeeded()} once its token was right. Refused ({@code refusedFor() > 0}) while the
     * address has used up its attempts, with a right token too: otherwise an answer that differs for the right token
     * would let guessing go on through the lockout.
     */
    public RateLimiter.Attempt attempt(HttpServletRequest request) {
        return failedAuthentication.attempt(ClientAddress.of(request));
    }

    /** The seconds until the address may try again when it has used up its failed attempts, else 0; takes nothing. */
    long lockedOut(HttpServletRequest request) {
        return failedAuthentication.waitFor(ClientAddress.of(request));
    }

    /** Counts a sign-in of {@code accountId} (its token was right): the seconds to wait when it has too many. */
    public long signIn(String accountId) {
        return signIns.take(accountId);
    }

    /** Counts a new anonymous session of the request's address: the seconds to wait when it has made too many. */
    public long newAnonymousSession(HttpServletRequest request) {
        return anonymousSessions.take(ClientAddress.of(request));
    }
}
