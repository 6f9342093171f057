package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser signed in to the console with one account's token: it keeps the session cookie and reads pages. */
final class ConsoleVisitor {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final ApiClient browser;

    private ConsoleVisitor(ApiClient browser) {
        this.browser = browser;
    }

    static ConsoleVisitor signedIn(int port, String token) {
        ApiClient browser = ApiClient.withCookies(port);
        Matcher field = CSRF_FIELD.matcher(browser.get("/console/sign-in", null).text());
        assertThat(field.find()).isTrue();
        ApiClient.Response signedIn = browser.postForm("/console/sign-in", Map.of("_csrf", field.group(1),
                                                                                     "token", token));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        return new ConsoleVisitor(browser);
    }

    ApiClient.Response get(String path) {
        return browser.get(path, null);
    }

    /** The page, which must be there (200). */
    String page(String path) {
        ApiClient.Response page = get(path);
        assertThat(page.status()).as("GET %s: %s", path, page).isEqualTo(200);
        return page.text();
    }
}
