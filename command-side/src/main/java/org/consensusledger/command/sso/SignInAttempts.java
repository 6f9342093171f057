package org.consensusledger.command.sso;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Texts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * Sign-ins under way at a provider, kept here rather than in the console's session: that session's cookie is
 * {@code SameSite=Strict}, so a browser does not send it with the provider's redirect back (a navigation started on
 * another site), and Spring's session-kept authorization request would never be found. Each attempt is held in
 * memory for {@value #MINUTES} minutes under its {@code state}, and bound to the browser that started it by a
 * random key in a {@code SameSite=Lax} cookie sent only to the redirect endpoint: a redirect carrying someone else's
 * {@code state} finds nothing in this browser (no sign-in forced on a victim).
 */
class SignInAttempts implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "ledger_sign_in";
    private static final int MINUTES = 10;
    /** At most this many attempts are held; the oldest go first. */
    private static final int MOST = 10_000;

    private final Cache<String, Attempt> attempts = Caffeine.newBuilder()
                                                            .expireAfterWrite(Duration.ofMinutes(MINUTES))
                                                            .maximumSize(MOST).build();
    private final SecureRandom random = new SecureRandom();
    private final boolean secureCookie;

    private record Attempt(OAuth2AuthorizationRequest request, String browserKeyHash) {
    }

    SignInAttempts(boolean secureCookie) {
        this.secureCookie = secureCookie;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        Attempt attempt = state == null ? null : attempts.getIfPresent(state);
        String browserKey = browserKey(request);
        if (attempt == null || browserKey == null
                || !MessageDigest.isEqual(attempt.browserKeyHash().getBytes(StandardCharsets.US_ASCII),
                                          Texts.sha256(browserKey).getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        return attempt.request();
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
                                         HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String browserKey = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        attempts.put(authorizationRequest.getState(), new Attempt(authorizationRequest, Texts.sha256(browserKey)));
        setCookie(response, browserKey, Duration.ofMinutes(MINUTES));
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
                                                                 HttpServletResponse response) {
        OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
        if (found != null) {
            attempts.invalidate(found.getState());
        }
        if (browserKey(request) != null) {
            setCookie(response, "", Duration.ZERO);
        }
        return found;
    }

    private void setCookie(HttpServletResponse response, String value, Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value).httpOnly(true).secure(secureCookie).sameSite("Lax")
                                              .path(SingleSignOnConfiguration.REDIRECT).maxAge(maxAge).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static String browserKey(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
