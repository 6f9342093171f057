package org.consensusledger.command.sso;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.Map;

/**
 * A real OpenID Connect provider for the tests: Spring Authorization Server in an application of its own on a random
 * port, with its form login, a few people in memory (their usernames are their subjects) and one confidential client, the ledger, which may come back to
 * the command side's redirect endpoint on any loopback port (RFC 8252).
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String CLIENT_ID = "ledger";
    static final String CLIENT_SECRET = "ledger-secret";
    static final String PASSWORD = "correct horse battery staple";

    private final ConfigurableApplicationContext context;

    private TestIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the provider, the ledger registered with it under each of {@code registrationIds}. */
    static TestIdentityProvider start(String... registrationIds) {
        String client = "spring.security.oauth2.authorizationserver.client.ledger.";
        String redirects = String.join(",", java.util.Arrays.stream(registrationIds)
                                                           .map(id -> "http://127.0.0.1/login/oauth2/code/" + id)
                                                           .toList());
        Map<String, Object> properties = Map.ofEntries(
                // Not the command side's application.yml: nothing but what is given here.
                Map.entry("spring.config.name", "test-identity-provider"),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("server.port", "0"),
                Map.entry(client + "registration.client-id", CLIENT_ID),
                Map.entry(client + "registration.client-secret", "{noop}" + CLIENT_SECRET),
                Map.entry(client + "registration.client-authentication-methods", "client_secret_basic"),
                Map.entry(client + "registration.authorization-grant-types", "authorization_code"),
                Map.entry(client + "registration.redirect-uris", redirects),
                Map.entry(client + "registration.scopes", "openid"),
                Map.entry(client + "require-authorization-consent", "false"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .web(WebApplicationType.SERVLET).properties(properties).run();
        return new TestIdentityProvider(context);
    }

    /** Its issuer, as its discovery document gives it (derived from the request: the loopback address). */
    String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class, OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class})
    static class Provider {

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ada").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("grace").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("linus").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("alan").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("hedy").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("katherine").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("barbara").password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername("margaret").password("{noop}" + PASSWORD).roles("USER").build());
        }
    }
}
