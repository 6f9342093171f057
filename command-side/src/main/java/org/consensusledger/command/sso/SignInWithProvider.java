package org.consensusledger.command.sso;

import org.consensusledger.command.account.SignInIdentities;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.consensusledger.command.account.ConsoleSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.io.IOException;
import java.util.Optional;

/**
 * What follows a provider's answer. Its ID token checked (Spring Security: signature, issuer, audience, expiry,
 * nonce), the account bound to the token's (issuer, subject) is signed in to the console as with its token — a
 * console session of its own, nothing of Spring Security's kept — unless there is none, it is revoked, or the
 * provider is restricted to an organisation the account does not act for; then the sign-in page says why, and no
 * session is left signed in.
 */
class SignInWithProvider implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String UNBOUND = "unbound";
    static final String REVOKED = "revoked";
    static final String OTHER_ORGANISATION = "other-organisation";
    static final String FAILED = "failed";

    private static final Logger LOGGER = LoggerFactory.getLogger(SignInWithProvider.class);

    private final SignInIdentities identities;
    private final SsoProperties properties;

    SignInWithProvider(SignInIdentities identities, SsoProperties properties) {
        this.identities = identities;
        this.properties = properties;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        String registrationId = token.getAuthorizedClientRegistrationId();
        if (!(token.getPrincipal() instanceof OidcUser user)) {
            LOGGER.warn("Sign-in through {} refused: the provider answered without an ID token (the registration's "
                                + "scope must include openid)", registrationId);
            refuse(request, response, FAILED);
            return;
        }
        SignInIdentities.Identity identity =
                new SignInIdentities.Identity(user.getIdToken().getClaimAsString(IdTokenClaimNames.ISS),
                                              user.getSubject());
        Optional<SignInIdentities.BoundAccount> bound = identities.boundTo(identity);
        String restrictedTo = properties.organisationOf(registrationId);
        String refusal = bound.isEmpty() ? UNBOUND
                : bound.get().revoked() ? REVOKED
                : restrictedTo != null && (bound.get().secretariat()
                                           || !restrictedTo.equals(bound.get().organisationId())) ? OTHER_ORGANISATION
                : null;
        if (refusal != null) {
            LOGGER.info("Sign-in through {} refused ({}): issuer {}, subject {}{}", registrationId, refusal,
                        identity.issuer(), identity.subject(),
                        bound.map(account -> ", account " + account.accountId()).orElse(""));
            refuse(request, response, refusal);
            return;
        }
        String accountId = bound.get().accountId();
        ConsoleSession.signIn(request, accountId);
        LOGGER.info("Account {} signed in to the console through {}", accountId, registrationId);
        // A page, not a redirect: the console's cookie is SameSite=Strict, and a browser would not send it on a
        // redirect that continues the provider's cross-site one. The page moves on to the console itself.
        request.getRequestDispatcher(SignedInPage.PATH).forward(request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        LOGGER.info("Sign-in through an identity provider failed: {}", exception.getMessage());
        refuse(request, response, FAILED);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String refusal)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SingleSignOnConfiguration.SIGN_IN + "?sso=" + refusal);
    }
}
