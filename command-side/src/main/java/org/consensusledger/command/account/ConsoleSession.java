package org.consensusledger.command.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.consensusledger.command.shared.LedgerTime;

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
 */
public final class ConsoleSession {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_PARAMETER = "_csrf";
    private static final String ACCOUNT = ConsoleSession.class.getName() + ".account";
    private static final String CSRF = ConsoleSession.class.getName() + ".csrf";
    /** Present on a session signed in with a token (not through an identity provider): it ends when the token does. */
    private static final String BY_TOKEN = ConsoleSession.class.getName() + ".byToken";
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
     * The account signed in on this request's session, unless it has been revoked since or — on a session signed in
     * with a token — its token has expired: such a session is worth no more than the token it was exchanged for. A
     * session signed in through an identity provider does not hang on the account's token.
     */
    static Optional<Account> signedIn(HttpServletRequest request, AccountStore accounts) {
        HttpSession session = request.getSession(false);
        boolean byToken = session != null && session.getAttribute(BY_TOKEN) != null;
        return accountId(request).flatMap(accounts::byId)
                                 .filter(account -> !account.revoked()
                                         && !(byToken && account.expired(LedgerTime.now())));
    }

    /** Signs the account in with its token: {@link #signIn} for a session that ends when the token expires. */
    static void signInWithToken(HttpServletRequest request, String accountId) {
        signIn(request, accountId);
        request.getSession().setAttribute(BY_TOKEN, Boolean.TRUE);
    }

    /**
     * Signs the account in: a new session id (no fixation) and a new CSRF token. Public for the sign-in through an
     * identity provider (command.sso), which ends in the same console session.
     */
    public static void signIn(HttpServletRequest request, String accountId) {
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setMaxInactiveInterval(request.getServletContext().getSessionTimeout() * 60);
        session.setAttribute(ACCOUNT, accountId);
        session.removeAttribute(BY_TOKEN);
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
