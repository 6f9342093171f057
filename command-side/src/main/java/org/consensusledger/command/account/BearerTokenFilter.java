package org.consensusledger.command.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.web.ActorResolver;
import org.consensusledger.command.web.ProblemWriter;
import org.consensusledger.command.web.Problems;
import org.consensusledger.eventlog.AccountFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Every command request needs {@code Authorization: Bearer <token>} of an account that is not revoked, a token that
 * has not expired nor been replaced (else 401, saying which and what to do), or,
 * from the meeting console, the session of a signed-in account together with the session's CSRF token in the
 * {@value ConsoleSession#CSRF_HEADER} header (else 403): a page on another site can make the browser send the session
 * cookie, never the header.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";
    private static final String INVALID = "Bearer realm=\"consensus-ledger\", error=\"invalid_token\"";

    private final AccountStore accounts;
    private final ProblemWriter writer;

    BearerTokenFilter(AccountStore accounts, ProblemWriter writer) {
        this.accounts = accounts;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null && ConsoleSession.accountId(request).isPresent()) {
            bySession(request, response, chain);
            return;
        }
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            refuse(response, "Bearer realm=\"consensus-ledger\"", "token-missing",
                   "Send the account token as Authorization: Bearer <token>");
            return;
        }
        String token = header.substring(PREFIX.length()).trim();
        AccountStore.Presented presented = accounts.present(token);
        if (!presented.check().valid()) {
            refuse(response, INVALID, presented);
            return;
        }
        if (presented.check().inChangeOver()) {
            ReplacedToken.mark(request, presented.check().at());
        }
        ReplacedToken.presentedHash(request, AccountFields.tokenHash(token));
        ActorResolver.attach(request, presented.account().actor());
        chain.doFilter(request, response);
    }

    private void bySession(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!ConsoleSession.csrfMatches(request, request.getHeader(ConsoleSession.CSRF_HEADER))) {
            writer.write(response, Problems.of(HttpStatus.FORBIDDEN, "csrf-token-invalid", "CSRF token missing or wrong",
                                               "A request on a console session sends the session's CSRF token in "
                                                       + "the " + ConsoleSession.CSRF_HEADER + " header; reload the "
                                                       + "page to get it"));
            return;
        }
        Optional<Account> account = ConsoleSession.signedIn(request, accounts);
        if (account.isEmpty()) {
            String why = ConsoleSession.endedBecause(request);
            ConsoleSession.signOut(request);
            refuse(response, "Bearer realm=\"consensus-ledger\"", "session-ended", "Session ended",
                   "This console session has ended" + (why == null ? "" : ": " + why)
                           + ". Sign in again at " + ConsoleSessionFilter.SIGN_IN);
            return;
        }
        ActorResolver.attach(request, account.get().actor());
        chain.doFilter(request, response);
    }

    /** An expired or replaced token says so, and how to get a new one; an unknown or revoked one, only that. */
    private void refuse(HttpServletResponse response, String challenge, AccountStore.Presented presented)
            throws IOException {
        AccountFields.TokenCheck check = presented.check();
        switch (check.verdict()) {
            case EXPIRED -> refuse(response, challenge, "token-expired", "Token expired",
                                   "This token expired at " + check.at() + " (tokens live "
                                           + "ledger.accounts.token-lifetime). A secretariat account renews it: "
                                           + "POST /api/accounts/" + presented.account().accountId()
                                           + "/token, or Renew on the console's accounts screen, and hands the new "
                                           + "token over");
            case REPLACED -> refuse(response, challenge, "token-replaced", "Token replaced",
                                    "This token was replaced by a new one for the same account and stopped "
                                            + "working at " + check.at() + ", when the change-over period ended; "
                                            + "use the new token, or ask the secretariat to renew it");
            default -> refuse(response, challenge, "token-invalid", "The token is unknown or has been revoked");
        }
    }

    private void refuse(HttpServletResponse response, String challenge, String name, String detail)
            throws IOException {
        refuse(response, challenge, name, "Authentication required", detail);
    }

    private void refuse(HttpServletResponse response, String challenge, String name, String title, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        writer.write(response, Problems.of(HttpStatus.UNAUTHORIZED, name, title, detail));
    }
}
