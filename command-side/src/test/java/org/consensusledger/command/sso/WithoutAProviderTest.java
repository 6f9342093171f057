package org.consensusledger.command.sso;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With no identity provider configured, nothing of single sign-on is there: no link, no endpoint, no filter. */
class WithoutAProviderTest extends CommandApiTest {

    @Test
    void theSignInPageOffersTokensOnlyAndTheSingleSignOnPathsAreUnknown() {
        ApiClient.Response page = api.get("/console/sign-in", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("name=\"token\"").doesNotContain("/oauth2/authorization/")
                               .doesNotContain("sso-heading");
        assertThat(context.getBeanNamesForType(SingleSignOnConfiguration.class)).isEmpty();
        assertThat(context.containsBean("springSecurityFilterChain")).isFalse();

        for (String path : new String[] {"/oauth2/authorization/test", "/login/oauth2/code/test?code=x&state=y",
                                         "/login"}) {
            ApiClient.Response unknown = api.get(path, null);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
    }
}
