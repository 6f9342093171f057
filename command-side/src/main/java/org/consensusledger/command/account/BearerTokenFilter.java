package org.consensusledger.command.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.web.ActorResolver;
import org.consensusledger.command.web.ProblemWriter;
import org.consensusledger.command.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Every command request needs {@code Authorization: Bearer <token>} of an account that is not revoked (else 401), or,
 * from the meeting console, the session of a signed-in account together with the session's CSRF token in the
 * {@value ConsoleSession#CSRF_HEADER} header (else 403): a page on another site can make the browser send the session
 * cookie, never the header.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

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
        Optional<Account> account = accounts.byToken(header.substring(PREFIX.length()).trim());
        if (account.isEmpty()) {
            refuse(response, "Bearer realm=\"consensus-ledger\", error=\"invalid_token\"", "token-invalid",
                   "The token is unknown or has been revoked");
            return;
        }
        ActorResolver.attach(request, account.get().actor());
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
            ConsoleSession.signOut(request);
            refuse(response, "Bearer realm=\"consensus-ledger\"", "session-ended",
                   "The account signed in on this session has been revoked; sign in again");
            return;
        }
        ActorResolver.attach(request, account.get().actor());
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, String challenge, String name, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        writer.write(response, Problems.of(HttpStatus.UNAUTHORIZED, name, "Authentication required", detail));
    }
}
