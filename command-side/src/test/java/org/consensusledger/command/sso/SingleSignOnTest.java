package org.consensusledger.command.sso;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.command.web.CommandApiTest;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Signing in to the console through a real OpenID Connect provider (Spring Authorization Server, started here), over
 * HTTP as a browser does it: the ledger's button, the provider's login form, its redirect back with a code that the
 * command side exchanges for an ID token. The account bound to the token's (issuer, subject) is signed in; an
 * identity bound at another issuer, an unbound one, a revoked account and an account of another organisation than
 * the provider's are refused with the sign-in page in words.
 */
class SingleSignOnTest extends CommandApiTest {

    private static final String REGISTRATION = "test";
    /** The same provider, restricted to the delegates of an organisation that none of the tests' accounts is of. */
    private static final String RESTRICTED = "restricted";
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static TestIdentityProvider provider;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        provider = TestIdentityProvider.start(REGISTRATION, RESTRICTED);
        String registration = "spring.security.oauth2.client.registration.";
        for (String id : new String[] {REGISTRATION, RESTRICTED}) {
            registry.add(registration + id + ".client-id", () -> TestIdentityProvider.CLIENT_ID);
            registry.add(registration + id + ".client-secret", () -> TestIdentityProvider.CLIENT_SECRET);
            registry.add(registration + id + ".scope", () -> "openid");
            registry.add(registration + id + ".provider", () -> "test-provider");
        }
        registry.add(registration + REGISTRATION + ".client-name", () -> "Test Identity");
        registry.add(registration + RESTRICTED + ".client-name", () -> "Other Organisation Identity");
        registry.add("spring.security.oauth2.client.provider.test-provider.issuer-uri", provider::issuer);
        registry.add("ledger.sso.providers." + RESTRICTED + ".organisation-id", () -> "an-organisation-of-its-own");
    }

    /** The names of the attributes put in any session, to show what a sign-in leaves there. */
    private static final List<String> SESSION_ATTRIBUTES = new CopyOnWriteArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class SessionAttributes {
        @Bean
        HttpSessionAttributeListener sessionAttributes() {
            return new HttpSessionAttributeListener() {
                @Override
                public void attributeAdded(HttpSessionBindingEvent event) {
                    SESSION_ATTRIBUTES.add(event.getName());
                }
            };
        }
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void aDelegateBoundToTheProvidersIdentitySignsInAsThatDelegate() {
        String rights = organisation("Open Rights", "CIVIL_SOCIETY");
        bind(delegate(rights), provider.issuer(), "ada");
        Browser browser = new Browser();

        Page signInPage = browser.get(uri("/console/sign-in"));
        assertThat(signInPage.text()).contains("Sign in with Test Identity")
                                     .contains("href=\"/oauth2/authorization/" + REGISTRATION + "\"");
        Page landed = browser.signInAtProvider(REGISTRATION, "ada");
        assertThat(landed.uri().getPath()).isEqualTo("/login/oauth2/code/" + REGISTRATION);
        assertThat(landed.status()).as(landed.text()).isEqualTo(200);
        assertThat(landed.header("Refresh")).isEqualTo("0; url=/console");
        assertThat(landed.text()).contains("Continue to the console");

        Page console = browser.get(uri("/console"));
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.text()).contains("Signed in for Open Rights");
        assertThat(SESSION_ATTRIBUTES).as("only the console's own session holds the sign-in")
                                      .contains("org.consensusledger.command.account.ConsoleSession.account")
                                      .allMatch(name -> name.startsWith("org.consensusledger."));

        Matcher csrf = HIDDEN_CSRF.matcher(console.text());
        assertThat(csrf.find()).isTrue();
        Page signedOut = browser.post(uri("/console/sign-out"), Map.of("_csrf", csrf.group(1)));
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(browser.get(uri("/console")).status()).as("the console's sign-out ends it all").isEqualTo(303);
    }

    @Test
    void aSessionSignedInThroughTheProviderDoesNotEndWithTheAccountsToken() {
        String account = delegate(organisation("Provider Rights", "CIVIL_SOCIETY"));
        bind(account, provider.issuer(), "katherine");
        Browser browser = new Browser();
        assertThat(browser.signInAtProvider(REGISTRATION, "katherine").status()).isEqualTo(200);
        context.getBean(LedgerDatabase.class).get().getCollection(LedgerCollection.ACCOUNTS.collectionName())
               .updateOne(Filters.eq("_id", account),
                          Updates.set("tokenExpiresAt", Date.from(Instant.now().minusSeconds(60))));

        Page console = browser.get(uri("/console"));
        assertThat(console.status()).as("the provider vouches for the person, not the token").isEqualTo(200);
        assertThat(console.text()).contains("Signed in for Provider Rights");
    }

    @Test
    void aSessionSignedInThroughTheProviderEndsOnceTheAccountIsNoLongerBoundToThatIdentity() {
        String account = delegate(organisation("Rebound Rights", "CIVIL_SOCIETY"));
        bind(account, provider.issuer(), "barbara");
        Browser barbara = new Browser();
        assertThat(barbara.signInAtProvider(REGISTRATION, "barbara").status()).isEqualTo(200);
        assertThat(barbara.get(uri("/console")).status()).isEqualTo(200);

        bind(account, provider.issuer(), "margaret");
        Page rebound = barbara.get(uri("/console"));
        assertThat(rebound.status()).as("the account now signs in as another identity").isEqualTo(303);
        assertThat(rebound.header("Location")).endsWith("/console/sign-in");
        bind(account, provider.issuer(), "barbara");
        assertThat(barbara.get(uri("/console")).status()).as("signed out, not merely suspended").isEqualTo(303);

        Browser margaret = new Browser();
        bind(account, provider.issuer(), "margaret");
        assertThat(margaret.signInAtProvider(REGISTRATION, "margaret").status()).isEqualTo(200);
        assertThat(margaret.get(uri("/console")).status()).isEqualTo(200);
        assertThat(api.delete("/api/accounts/" + account + "/sign-in-identity", secretariat).status()).isEqualTo(204);
        assertThat(margaret.get(uri("/console")).status()).as("unbound").isEqualTo(303);
    }

    @Test
    void aRegistrationWhoseProviderHasNoIssuerIsRefusedAtStart() {
        ClientRegistration withoutIssuer = ClientRegistration.withRegistrationId("plain")
                .clientId("ledger").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid")
                .authorizationUri("https://id.example.org/authorize").tokenUri("https://id.example.org/token")
                .jwkSetUri("https://id.example.org/jwks").build();

        assertThatThrownBy(() -> SingleSignOnConfiguration.requireOpenIdConnect(
                new InMemoryClientRegistrationRepository(withoutIssuer), new SsoProperties(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.security.oauth2.client.registration.plain has no issuer")
                .hasMessageContaining("spring.security.oauth2.client.provider.<provider>.issuer-uri");
    }

    @Test
    void theSameSubjectBoundAtAnotherIssuerIsRefused() {
        String account = delegate(organisation("Elsewhere Rights", "CIVIL_SOCIETY"));
        bind(account, "https://id.elsewhere.example", "grace");
        assertRefused(new Browser(), REGISTRATION, "grace", "no account of this ledger is bound to that identity");
    }

    @Test
    void anUnboundIdentityIsRefused() {
        assertRefused(new Browser(), REGISTRATION, "linus", "no account of this ledger is bound to that identity");
    }

    @Test
    void aRevokedAccountIsRefused() {
        String account = delegate(organisation("Revoked Rights", "CIVIL_SOCIETY"));
        bind(account, provider.issuer(), "hedy");
        assertThat(api.delete("/api/accounts/" + account, secretariat).status()).isEqualTo(204);
        assertRefused(new Browser(), REGISTRATION, "hedy", "has been revoked");
    }

    @Test
    void aProviderRestrictedToAnOrganisationRefusesTheDelegatesOfAnother() {
        bind(delegate(organisation("Restricted Rights", "CIVIL_SOCIETY")), provider.issuer(), "alan");
        assertRefused(new Browser(), RESTRICTED, "alan", "signs in only the delegates of its own organisation");
    }

    @Test
    void aForgedOrUnknownAnswerIsRefusedInWordsAndOtherPathsAreUntouched() {
        Browser browser = new Browser();
        Page unknownProvider = browser.follow(browser.get(uri("/oauth2/authorization/nope")));
        assertThat(unknownProvider.uri().toString()).endsWith("/console/sign-in?sso=failed");
        assertThat(unknownProvider.text()).contains("did not succeed");

        Page forged = browser.follow(browser.get(uri("/login/oauth2/code/" + REGISTRATION + "?code=x&state=y")));
        assertThat(forged.uri().toString()).endsWith("/console/sign-in?sso=failed");
        assertThat(browser.get(uri("/console")).status()).isEqualTo(303);

        Page rejected = browser.get(uri("/oauth2/authorization/a%3Bb"));
        assertThat(rejected.status()).as("the firewall's refusal is a 400, not a 500").isEqualTo(400);
        assertThat(rejected.text()).doesNotContain("Exception");
        ApiClient.Response elsewhere = api.get("/api/organisations/a%3Bb", secretariat);
        assertThat(elsewhere.status()).as("Spring Security's firewall is not in front of the API").isEqualTo(404);
        ApiClient.Response control = api.post("/api/proposals/x%C2%85/support", secretariat,
                                              fields("organisationId", "x"));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().path("detail").asText()).as("the ledger's own refusal, naming the character")
                                                          .contains("U+0085");
    }

    @Test
    void theAccountsScreenShowsEachIdentityAndBindsAtAConfiguredProvider() {
        String bound = delegate(organisation("Screened Rights", "CIVIL_SOCIETY"));
        bind(bound, provider.issuer(), "subject-on-screen");
        String unbound = delegate(organisation("Unscreened Rights", "CIVIL_SOCIETY"));
        Browser browser = new Browser();
        Matcher csrf = HIDDEN_CSRF.matcher(browser.get(uri("/console/sign-in")).text());
        assertThat(csrf.find()).isTrue();
        assertThat(browser.post(uri("/console/sign-in"), Map.of("_csrf", csrf.group(1), "token", secretariat))
                          .status()).isEqualTo(302);

        String page = browser.get(uri("/console/accounts")).text();
        String both = "Other Organisation Identity, Test Identity"; // one issuer, registered twice
        assertThat(page).contains("signs in as subject-on-screen through " + both)
                        .contains("data-action=\"/api/accounts/" + unbound + "/sign-in-identity\"")
                        .contains("data-action=\"/api/accounts/" + bound + "/sign-in-identity\"")
                        .contains("id=\"unbind-" + bound + "\"").doesNotContain("id=\"unbind-" + unbound + "\"")
                        .contains("<option value=\"" + provider.issuer() + "\"")
                        .contains("selected=\"selected\">" + both + "</option>")
                        .contains("value=\"subject-on-screen\"");
    }

    private void assertRefused(Browser browser, String registration, String username, String words) {
        Page refused = browser.signInAtProvider(registration, username);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.uri().getPath()).isEqualTo("/console/sign-in");
        assertThat(refused.text()).contains("id=\"sso-error\"").contains(words);
        assertThat(browser.get(uri("/console")).status()).as("not signed in").isEqualTo(303);
    }

    private String delegate(String organisationId) {
        ApiClient.Response created = api.post("/api/accounts", secretariat,
                                              fields("kind", "DELEGATE", "organisationId", organisationId,
                                                     "label", "signs in with an identity provider"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("accountId").asText();
    }

    private void bind(String accountId, String issuer, String subject) {
        ApiClient.Response bound = api.send("PUT", "/api/accounts/" + accountId + "/sign-in-identity", secretariat,
                                            ApiClient.toJson(Map.of("issuer", issuer, "subject", subject)));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    record Page(URI uri, int status, HttpResponse<String> response) {
        String text() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** A browser: its own cookies for both sites, redirects followed one by one. */
    private final class Browser {

        private static final String HTML = "text/html,application/xhtml+xml";

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                                  .followRedirects(HttpClient.Redirect.NEVER).build();

        /** Presses the provider's button on the sign-in page and signs in at the provider as {@code username}. */
        Page signInAtProvider(String registration, String username) {
            Page login = follow(get(uri("/oauth2/authorization/" + registration)));
            assertThat(login.uri().toString()).as("the provider's login form").startsWith(provider.issuer() + "/login");
            Matcher csrf = HIDDEN_CSRF.matcher(login.text());
            assertThat(csrf.find()).as(login.text()).isTrue();
            Page submitted = post(URI.create(provider.issuer() + "/login"),
                                  Map.of("username", username, "password", TestIdentityProvider.PASSWORD,
                                         "_csrf", csrf.group(1)));
            return follow(submitted);
        }

        Page get(URI uri) {
            return send(HttpRequest.newBuilder(uri).header("Accept", HTML).GET().build());
        }

        Page post(URI uri, Map<String, String> form) {
            String body = form.entrySet().stream()
                              .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                                      + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                              .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri).header("Accept", HTML)
                                   .header("Content-Type", "application/x-www-form-urlencoded")
                                   .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        Page follow(Page page) {
            Page current = page;
            for (int hops = 0; current.status() / 100 == 3; hops++) {
                assertThat(hops).as("redirects from " + page.uri()).isLessThan(10);
                current = get(current.uri().resolve(current.header("Location")));
            }
            return current;
        }

        private Page send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Page(request.uri(), response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
