package org.consensusledger.command.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.bson.Document;
import org.consensusledger.eventlog.AccountFields;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The meeting console's sign-in: an account token is exchanged once for a session (a cookie that scripts cannot read,
 * sent only to this site); the session holds the account id and a CSRF token. Every form carries the CSRF token as
 * {@value #CSRF_PARAMETER}, every script request as the {@value #CSRF_HEADER} header, and a session-authenticated
 * request without the right one is refused.
 * <p>
 * A session is worth no more than what it was exchanged for, checked on every request: a session signed in with a
 * token keeps that token's hash (never the token) and ends once the token is no longer valid (revoked, expired, or
 * replaced and its change-over period over); one signed in through an identity provider keeps the identity (issuer,
 * subject) and ends once the account is no longer bound to it. Either ends when the account is revoked.
 */
public final class ConsoleSession {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_PARAMETER = "_csrf";
    private static final String ACCOUNT = ConsoleSession.class.getName() + ".account";
    private static final String CSRF = ConsoleSession.class.getName() + ".csrf";
    /** On a session signed in with a token: the token's hash; the session ends when the token stops working. */
    private static final String TOKEN_HASH = ConsoleSession.class.getName() + ".tokenHash";
    /** On a session signed in through an identity provider: the identity's issuer and subject. */
    private static final String ISSUER = ConsoleSession.class.getName() + ".issuer";
    private static final String SUBJECT = ConsoleSession.class.getName() + ".subject";
    /** A request attribute: why the request's session ended, in words (for the API's session-ended problem). */
    private static final String ENDED = ConsoleSession.class.getName() + ".ended";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SIGN_IN_MINUTES = 15;

    private ConsoleSession() {
    }

    /**
     * The session's CSRF token, created with the session (a page with a form always has one). A session made for the
     * sign-in form alone lasts {@value #SIGN_IN_MINUTES} minutes without use, not the console's 12 hours.
     */
    public static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        if (session.isNew()) {
            session.setMaxInactiveInterval(SIGN_IN_MINUTES * 60);
        }
        Object token = session.getAttribute(CSRF);
        if (token == null) {
            token = newCsrfToken(session);
        }
        return (String) token;
    }

    /** Whether {@code presented} is this session's CSRF token; compared in constant time. */
    static boolean csrfMatches(HttpServletRequest request, String presented) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF);
        return expected != null && presented != null
                && MessageDigest.isEqual(((String) expected).getBytes(StandardCharsets.UTF_8),
                                         presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The account signed in on this request's session, if any (not checked for revocation here). */
    static Optional<String> accountId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return Optional.ofNullable(session == null ? null : (String) session.getAttribute(ACCOUNT));
    }

    /** Whether an account is signed in on this session (an anonymous session has only the sign-in form's token). */
    static boolean hasAccount(HttpSession session) {
        return session.getAttribute(ACCOUNT) != null;
    }

    static boolean isAccountAttribute(String name) {
        return ACCOUNT.equals(name);
    }

    /**
     * The account signed in on this request's session, unless the session has ended: the account is gone or revoked,
     * the token it was signed in with is no longer valid (expired, or replaced and past its change-over period), or
     * the identity it was signed in with is no longer the account's. A session signed in with a token in its
     * change-over period works, but is marked so ({@link ReplacedToken}): it cannot renew the account's token. The
     * words for an ended session are kept for {@link #endedBecause}.
     */
    static Optional<Account> signedIn(HttpServletRequest request, AccountStore accounts) {
        HttpSession session = request.getSession(false);
        String accountId = session == null ? null : (String) session.getAttribute(ACCOUNT);
        if (accountId == null) {
            return Optional.empty();
        }
        Document document = accounts.document(accountId).orElse(null);
        if (document == null) {
            return ended(request, "the account signed in on this session no longer exists");
        }
        Account account = AccountStore.account(document);
        if (account.revoked()) {
            return ended(request, "the account signed in on this session was revoked at " + account.revokedAt());
        }
        String tokenHash = (String) session.getAttribute(TOKEN_HASH);
        String issuer = (String) session.getAttribute(ISSUER);
        String subject = (String) session.getAttribute(SUBJECT);
        if (tokenHash != null) {
            AccountFields.TokenCheck check = AccountFields.check(document, tokenHash, AccountStore.now());
            switch (check.verdict()) {
                case VALID -> {
                    if (check.inChangeOver()) {
                        ReplacedToken.mark(request, check.at());
                    }
                    ReplacedToken.presentedHash(request, tokenHash);
                    return Optional.of(account);
                }
                case EXPIRED -> {
                    return ended(request, "the token this session was signed in with expired at " + check.at());
                }
                case REPLACED -> {
                    return ended(request, "the token this session was signed in with was replaced by a new one, "
                            + "and its change-over period ended at " + check.at());
                }
                default -> {
                    return ended(request, "the token this session was signed in with is no longer the account's");
                }
            }
        }
        if (issuer != null && subject != null) {
            if (issuer.equals(document.getString(SignInIdentities.ISSUER))
                    && subject.equals(document.getString(SignInIdentities.SUBJECT))) {
                return Optional.of(account);
            }
            return ended(request, "the account is no longer bound to the identity this session was signed in with "
                    + "(subject " + subject + " at " + issuer + ")");
        }
        return ended(request, "this session was signed in before sessions kept what they were signed in with");
    }

    private static Optional<Account> ended(HttpServletRequest request, String why) {
        request.setAttribute(ENDED, why);
        return Optional.empty();
    }

    /** Why {@link #signedIn} found this request's session ended, in words, or null. */
    static String endedBecause(HttpServletRequest request) {
        return request.getAttribute(ENDED) instanceof String why ? why : null;
    }

    /**
     * Signs the account in with its token: {@link #signIn}, keeping the token's hash (never the token), so that the
     * session ends when the token stops working.
     */
    static void signInWithToken(HttpServletRequest request, String accountId, String token) {
        signIn(request, accountId);
        request.getSession().setAttribute(TOKEN_HASH, AccountFields.tokenHash(token));
    }

    /**
     * Signs the account in through an identity provider (command.sso): {@link #signIn}, keeping the identity, so that
     * the session ends when the account is unbound from it or bound to another. It does not hang on the token.
     */
    public static void signInWithIdentity(HttpServletRequest request, String accountId,
                                          SignInIdentities.Identity identity) {
        signIn(request, accountId);
        HttpSession session = request.getSession();
        session.setAttribute(ISSUER, identity.issuer());
        session.setAttribute(SUBJECT, identity.subject());
    }

    /** Signs the account in: a new session id (no fixation) and a new CSRF token; nothing of an earlier sign-in. */
    private static void signIn(HttpServletRequest request, String accountId) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setMaxInactiveInterval(request.getServletContext().getSessionTimeout() * 60);
        session.setAttribute(ACCOUNT, accountId);
        session.removeAttribute(TOKEN_HASH);
        session.removeAttribute(ISSUER);
        session.removeAttribute(SUBJECT);
        newCsrfToken(session);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static String newCsrfToken(HttpSession session) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(CSRF, token);
        return token;
    }
}
