package org.consensusledger.command.sso;

import org.consensusledger.command.account.SignInIdentities;
import jakarta.servlet.DispatcherType;
import org.consensusledger.command.web.ApiConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;

/**
 * Spring Security, for the single sign-on's two endpoints only: {@value #AUTHORIZATION}{@code {registrationId}}
 * sends the browser to the provider, {@value #REDIRECT}{@code {registrationId}} takes its answer. Its filter is
 * registered for these paths alone, so nothing else of the application meets it (not even its firewall), and only
 * when a provider is configured. It keeps nothing: no security context, no session of its own, no authorized client
 * (the console's session is the only sign-in).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnOAuth2ClientRegistrationProperties
@EnableWebSecurity
@EnableConfigurationProperties(SsoProperties.class)
class SingleSignOnConfiguration {

    static final String AUTHORIZATION = "/oauth2/authorization/";
    static final String REDIRECT = "/login/oauth2/code/";
    static final String SIGN_IN = "/console/sign-in";

    @Bean
    SignInAttempts signInAttempts(@Value("${server.servlet.session.cookie.secure:false}") boolean secureCookie) {
        return new SignInAttempts(secureCookie);
    }

    @Bean
    SecurityFilterChain singleSignOn(HttpSecurity http, ClientRegistrationRepository registrations,
                                     SignInAttempts attempts, SignInIdentities identities, SsoProperties properties) {
        requireOpenIdConnect(registrations, properties);
        SignInWithProvider outcome = new SignInWithProvider(identities, properties, registrations);
        RequestAttributeSecurityContextRepository nowhere = new RequestAttributeSecurityContextRepository();
        http.securityMatcher(AUTHORIZATION + "*", REDIRECT + "*")
            .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
            // The provider's answer is bound to the browser by state and the attempt's cookie, not a CSRF token.
            .csrf(csrf -> csrf.disable())
            .logout(logout -> logout.disable())
            .anonymous(anonymous -> anonymous.disable())
            .requestCache(cache -> cache.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .securityContext(context -> context.securityContextRepository(nowhere))
            .oauth2Login(login -> login
                    .loginPage(SIGN_IN)
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(new NoAuthorizedClients())
                    .securityContextRepository(nowhere)
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestRepository(attempts))
                    .successHandler(outcome)
                    .failureHandler(outcome)
                    .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                        @Override
                        public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                            // An unknown provider, or one that cannot be reached: the sign-in page in words, not 500.
                            filter.setAuthenticationFailureHandler(outcome);
                            return filter;
                        }
                    }));
        return http.build();
    }

    /** A URL the firewall refuses is a 400 (the application's error page), not an exception and a 500. */
    @Bean
    WebSecurityCustomizer rejectedRequestsAreBadRequests() {
        return web -> web.requestRejectedHandler(new HttpStatusRequestRejectedHandler());
    }

    /** Spring Security's filter, on the single sign-on's paths only (Spring Boot's own registration is excluded). */
    @Bean
    DelegatingFilterProxyRegistrationBean singleSignOnFilter() {
        DelegatingFilterProxyRegistrationBean registration = new DelegatingFilterProxyRegistrationBean(
                AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME);
        registration.addUrlPatterns(AUTHORIZATION + "*", REDIRECT + "*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(ApiConfiguration.AUTHENTICATION_ORDER);
        return registration;
    }

    /**
     * Every provider is OpenID Connect, restricted to a configured registration, and has an issuer-uri: an account is
     * bound to (issuer, subject), and only an ID token whose {@code iss} is the registration's own issuer signs in
     * (without one, nothing would tell the issuer of one provider from another's claim).
     */
    static void requireOpenIdConnect(ClientRegistrationRepository registrations, SsoProperties properties) {
        for (String registrationId : properties.providers().keySet()) {
            if (registrations.findByRegistrationId(registrationId) == null) {
                throw new IllegalStateException("ledger.sso.providers." + registrationId + " names no provider: "
                        + "configure spring.security.oauth2.client.registration." + registrationId
                        + " or remove it");
            }
        }
        if (registrations instanceof Iterable<?> all) {
            for (Object registration : all) {
                ClientRegistration client = (ClientRegistration) registration;
                if (!client.getScopes().contains(OidcScopes.OPENID)) {
                    throw new IllegalStateException("spring.security.oauth2.client.registration."
                            + client.getRegistrationId() + ".scope must include openid: the console signs in "
                            + "with OpenID Connect's ID token");
                }
                String issuer = client.getProviderDetails().getIssuerUri();
                if (issuer == null || issuer.isBlank()) {
                    throw new IllegalStateException("spring.security.oauth2.client.registration."
                            + client.getRegistrationId() + " has no issuer: set the issuer-uri of its provider "
                            + "(spring.security.oauth2.client.provider.<provider>.issuer-uri): accounts are bound "
                            + "to the provider's issuer, and only ID tokens from that issuer sign in");
                }
            }
        }
    }
}
