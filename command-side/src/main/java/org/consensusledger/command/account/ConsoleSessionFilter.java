package org.consensusledger.command.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.web.ActorResolver;
import org.consensusledger.command.web.ConsolePageHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * The console's pages ({@code /console/**}): each answer forbids framing, inline scripts and third-party content
 * (Content-Security-Policy) and caching; every page but the sign-in needs a signed-in account whose session has not
 * ended ({@link ConsoleSession#signedIn}; else it is signed out and redirected to the sign-in), and every form sent
 * to them the session's CSRF token (else 403).
 */
class ConsoleSessionFilter extends OncePerRequestFilter {

    static final String SIGN_IN = "/console/sign-in";
    private static final String ASSETS = "/console/assets/";

    private final AccountStore accounts;

    ConsoleSessionFilter(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (path.startsWith(ASSETS)) {
            chain.doFilter(request, response);
            return;
        }
        ConsolePageHeaders.apply(response);
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                && !ConsoleSession.csrfMatches(request, request.getParameter(ConsoleSession.CSRF_PARAMETER))) {
            // Also the sign-in form: its token comes with the page, so no other site can sign a browser in.
            request.getRequestDispatcher(SignInController.FORM_EXPIRED).forward(request, response);
            return;
        }
        if (path.equals(SIGN_IN)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = ConsoleSession.signedIn(request, accounts);
        if (account.isEmpty()) {
            if (ConsoleSession.endedBecause(request) != null) {
                // An ended session (its token no longer valid, its identity unbound, its account revoked) is signed
                // out; an anonymous one keeps its sign-in form.
                ConsoleSession.signOut(request);
            }
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, SIGN_IN);
            return;
        }
        ActorResolver.attach(request, account.get().actor());
        chain.doFilter(request, response);
    }
}
