package org.consensusledger.command.sso;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/** The secretariat binds accounts to sign-in identities; nobody else can, and nothing hostile gets through. */
class SignInIdentityApiTest extends CommandApiTest {

    private static final String ISSUER = "https://id.example.org/realms/rights";

    private String delegateToken;
    private String delegateId;

    @BeforeEach
    void aDelegate() {
        ApiClient.Response created = api.post("/api/accounts", secretariat,
                                              fields("kind", "DELEGATE", "organisationId",
                                                     organisation("Bound Rights", "CIVIL_SOCIETY"),
                                                     "label", "bound delegate"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        delegateId = created.json().path("accountId").asText();
        delegateToken = created.json().path("token").asText();
    }

    private String path(String accountId) {
        return "/api/accounts/" + accountId + "/sign-in-identity";
    }

    private ApiClient.Response put(String accountId, String token, Object body) {
        return api.send("PUT", path(accountId), token, ApiClient.toJson(body));
    }

    @Test
    void theSecretariatBindsReadsRebindsAndUnbindsAnAccount() {
        String subject = "subject-" + delegateId;
        assertThat(api.get(path(delegateId), secretariat).status()).as("bound to nothing yet").isEqualTo(404);

        ApiClient.Response bound = put(delegateId, secretariat, Map.of("issuer", ISSUER, "subject", subject));
        assertThat(bound.status()).as(bound.toString()).isEqualTo(200);
        assertThat(bound.json().path("issuer").asText()).isEqualTo(ISSUER);
        ApiClient.Response read = api.get(path(delegateId), secretariat);
        assertThat(read.json().path("subject").asText()).isEqualTo(subject);
        assertThat(read.json().path("accountId").asText()).isEqualTo(delegateId);
        assertThat(put(delegateId, secretariat, Map.of("issuer", ISSUER, "subject", subject)).status())
                .as("binding again to the same identity changes nothing").isEqualTo(200);

        ApiClient.Response other = api.post("/api/accounts", secretariat,
                                            fields("kind", "SECRETARIAT", "label", "another"));
        String otherId = other.json().path("accountId").asText();
        ApiClient.Response taken = put(otherId, secretariat, Map.of("issuer", ISSUER, "subject", subject));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.json().path("rule").asText()).isEqualTo("sign-in-identity-taken");
        assertThat(taken.json().path("detail").asText()).contains(delegateId).contains("unbind it there first");
        assertThat(put(otherId, secretariat, Map.of("issuer", "https://other.example", "subject", subject)).status())
                .as("the same subject at another issuer is another identity").isEqualTo(200);

        assertThat(api.delete(path(delegateId), secretariat).status()).isEqualTo(204);
        assertThat(api.get(path(delegateId), secretariat).status()).isEqualTo(404);
        assertThat(put(otherId, secretariat, Map.of("issuer", ISSUER, "subject", subject)).status())
                .as("free again once unbound").isEqualTo(200);
        assertThat(api.get("/api/accounts/me", delegateToken).status()).as("the token still works").isEqualTo(200);
    }

    @Test
    void onlyTheSecretariatBindsKnownAccountsThatAreNotRevoked() {
        ApiClient.Response byDelegate = put(delegateId, delegateToken, Map.of("issuer", ISSUER, "subject", "me"));
        assertThat(byDelegate.status()).isEqualTo(403);
        assertThat(byDelegate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(byDelegate.json().path("detail").asText()).startsWith("Only the secretariat binds accounts");
        assertThat(api.get(path(delegateId), delegateToken).status()).isEqualTo(403);
        assertThat(api.delete(path(delegateId), delegateToken).status()).isEqualTo(403);
        assertThat(put(delegateId, null, Map.of("issuer", ISSUER, "subject", "me")).status()).isEqualTo(401);

        ApiClient.Response unknown = put("no-such-account", secretariat, Map.of("issuer", ISSUER, "subject", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isEqualTo("There is no account no-such-account");
        assertThat(api.delete(path("no-such-account"), secretariat).status()).isEqualTo(404);

        assertThat(api.delete("/api/accounts/" + delegateId, secretariat).status()).isEqualTo(204);
        ApiClient.Response revoked = put(delegateId, secretariat, Map.of("issuer", ISSUER, "subject", "late"));
        assertThat(revoked.status()).isEqualTo(409);
        assertThat(revoked.json().path("rule").asText()).isEqualTo("account-revoked");
    }

    @Test
    void hostileValuesAreRefusedWithProblemsNamingTheField() {
        Map<String, Object[]> hostile = Map.of(
                "control character", new Object[] {"issuer", "{\"issuer\": \"https://id.example\\u0007\", "
                        + "\"subject\": \"a\"}"},
                "line break in the subject", new Object[] {"subject", "{\"issuer\": \"" + ISSUER + "\", "
                        + "\"subject\": \"a\\nb\"}"},
                "huge subject", new Object[] {"subject", "{\"issuer\": \"" + ISSUER + "\", \"subject\": \""
                        + "s".repeat(256) + "\"}"},
                "huge issuer", new Object[] {"issuer", "{\"issuer\": \"https://" + "i".repeat(600)
                        + "\", \"subject\": \"a\"}"},
                "not a URL", new Object[] {"issuer", "{\"issuer\": \"rights\", \"subject\": \"a\"}"},
                "a number for a text", new Object[] {"subject", "{\"issuer\": \"" + ISSUER + "\", \"subject\": 42}"},
                "an object for a text", new Object[] {"issuer", "{\"issuer\": {}, \"subject\": \"a\"}"},
                "missing subject", new Object[] {"subject", "{\"issuer\": \"" + ISSUER + "\"}"},
                "unknown field", new Object[] {"organisationId", "{\"issuer\": \"" + ISSUER + "\", "
                        + "\"subject\": \"a\", \"organisationId\": \"x\"}"},
                "not JSON", new Object[] {null, "issuer=x"});
        hostile.forEach((what, attempt) -> {
            ApiClient.Response refused = api.send("PUT", path(delegateId), secretariat, (String) attempt[1]);
            assertThat(refused.status()).as(what + ": " + refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(refused.json().path("detail").asText()).as(what).isNotBlank();
            if (attempt[0] != null) {
                assertThat(refused.text()).as(what).contains((String) attempt[0]);
            }
        });
        assertThat(api.get(path(delegateId), secretariat).status()).as("nothing bound").isEqualTo(404);
    }

    @Test
    void unicodeSpacesSeparatorsAndInvisibleCharactersAreRefusedInIssuerAndSubject() {
        Map<String, String> issuers = Map.of(
                "line separator U+2028", "https://id.example.org/realms/rights\\u2028",
                "no-break space U+00A0", "https://id.example.org/realms\\u00A0rights",
                "byte order mark U+FEFF", "\\uFEFFhttps://id.example.org/realms/rights",
                "zero-width space U+200B", "https://id.example.org\\u200B/realms/rights",
                "next line U+0085", "https://id.example.org/realms/rights\\u0085",
                "paragraph separator U+2029", "https://id.example.org/realms/rights\\u2029",
                "ideographic space U+3000", "https://id.example.org/realms\\u3000rights",
                "right-to-left mark U+200F", "https://id.example.org/realms/\\u200Frights");
        issuers.forEach((what, issuer) -> assertRefused(what, "issuer",
                                                        "{\"issuer\": \"" + issuer + "\", \"subject\": \"a\"}"));
        Map<String, String> subjects = Map.of(
                "space", "a b",
                "no-break space U+00A0", "a\\u00A0b",
                "line separator U+2028", "a\\u2028",
                "byte order mark U+FEFF", "\\uFEFFa",
                "unit separator U+001F", "a\\u001Fb");
        subjects.forEach((what, subject) -> assertRefused(what, "subject",
                                                          "{\"issuer\": \"" + ISSUER + "\", \"subject\": \""
                                                                  + subject + "\"}"));
        assertThat(api.get(path(delegateId), secretariat).status()).as("nothing bound").isEqualTo(404);
        assertThat(put(delegateId, secretariat, Map.of("issuer", "https://id.example.org/réalms/droits",
                                                       "subject", "a-b_c.d@e|f")).status())
                .as("letters beyond ASCII in an issuer, punctuation in a subject").isEqualTo(200);
    }

    @Test
    void anOverLongAccountIdIsRefusedWithoutBeingEchoed() {
        String huge = "a".repeat(5000);
        for (ApiClient.Response refused : java.util.List.of(
                api.get(path(huge), secretariat), api.delete(path(huge), secretariat),
                put(huge, secretariat, Map.of("issuer", ISSUER, "subject", "a")))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asText()).endsWith("account-id-too-long");
            assertThat(refused.text()).hasSizeLessThan(1000).doesNotContain("a".repeat(65));
        }
    }

    private void assertRefused(String what, String field, String body) {
        ApiClient.Response refused = api.send("PUT", path(delegateId), secretariat, body);
        assertThat(refused.status()).as(what + ": " + refused).isEqualTo(400);
        assertThat(refused.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).as(what).isEqualTo(field);
    }
}
