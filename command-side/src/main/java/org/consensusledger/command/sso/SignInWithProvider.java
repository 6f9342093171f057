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
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.io.IOException;
import java.util.Optional;

/**
 * What follows a provider's answer. Its ID token checked (Spring Security: signature, issuer, audience, expiry,
 * nonce) and its {@code iss} checked again here against the issuer of the registration's provider (every registration
 * has one: {@link SingleSignOnConfiguration} refuses to start without), the account bound to (that issuer, the
 * token's subject) is signed in to the console — a console session of its own that keeps the identity and ends when
 * the account is no longer bound to it, nothing of Spring Security's kept — unless there is none, it is revoked, or
 * the provider is restricted to an organisation the account does not act for; then the sign-in page says why, and
 * no session is left signed in.
 */
class SignInWithProvider implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String UNBOUND = "unbound";
    static final String REVOKED = "revoked";
    static final String OTHER_ORGANISATION = "other-organisation";
    static final String FAILED = "failed";

    private static final Logger LOGGER = LoggerFactory.getLogger(SignInWithProvider.class);

    private final SignInIdentities identities;
    private final SsoProperties properties;
    private final ClientRegistrationRepository registrations;

    SignInWithProvider(SignInIdentities identities, SsoProperties properties,
                       ClientRegistrationRepository registrations) {
        this.identities = identities;
        this.properties = properties;
        this.registrations = registrations;
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
        ClientRegistration registration = registrations.findByRegistrationId(registrationId);
        String issuer = registration == null ? null : registration.getProviderDetails().getIssuerUri();
        String tokenIssuer = user.getIdToken().getClaimAsString(IdTokenClaimNames.ISS);
        if (issuer == null || !issuer.equals(tokenIssuer)) {
            LOGGER.warn("Sign-in through {} refused: the ID token's issuer is not the provider's ({})",
                        registrationId, issuer);
            refuse(request, response, FAILED);
            return;
        }
        SignInIdentities.Identity identity = new SignInIdentities.Identity(issuer, user.getSubject());
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
        ConsoleSession.signInWithIdentity(request, accountId, identity);
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
