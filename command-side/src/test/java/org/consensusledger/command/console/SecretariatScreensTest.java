package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * The secretariat's screens over HTTP, as a browser signed in with each kind of account meets them: each renders
 * for the secretariat (and a body's membership page for its co-chairs, with only what they may do there), and is
 * refused in words to anyone else; an unknown or hostile id is not found, never an error.
 */
class SecretariatScreensTest extends CommandApiTest {

    static final List<String> HOSTILE_IDS = List.of("nope", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fapi",
                                                    "a%00b", "%E2%80%AEevil", "%25ZZ", "%C3%A9t%C3%A9", "a;b=c",
                                                    "%20", "x".repeat(5000), "'%22%3E%3Cimg%20src=x%3E");

    private String government;
    private String rights;
    private String academia;
    private String plenary;
    private String group;
    private ConsoleVisitor secretariatVisitor;
    private ConsoleVisitor chairVisitor;
    private ConsoleVisitor memberVisitor;

    @BeforeEach
    void aPlenaryAndAWorkingGroup() {
        government = organisation("Ministry of Screens", "GOVERNMENT");
        rights = organisation("Screen Rights Watch", "CIVIL_SOCIETY");
        academia = organisation("University of Screens", "ACADEMIA");
        plenary = api.post("/api/bodies", secretariat, fields("name", "Screens Plenary", "kind", "PLENARY",
                                                              "mandate", "Decide principles")).id();
        group = api.post("/api/bodies", secretariat, fields("name", "Screens Working Group", "kind", "WORKING_GROUP",
                                                            "parentBodyId", plenary, "mandate", "Draft")).id();
        for (String member : List.of(government, rights)) {
            assertThat(api.post("/api/bodies/" + group + "/members", secretariat, fields("organisationId", member))
                          .status()).isEqualTo(201);
        }
        assertThat(api.post("/api/bodies/" + group + "/co-chairs", secretariat, fields("organisationId", rights))
                      .status()).isEqualTo(200);
        secretariatVisitor = ConsoleVisitor.signedIn(port, secretariat);
        chairVisitor = ConsoleVisitor.signedIn(port, delegateOf(rights));
        memberVisitor = ConsoleVisitor.signedIn(port, delegateOf(government));
    }

    @Test
    void theSecretariatLandsOnWhatItCanDo() {
        String landing = secretariatVisitor.page("/console");
        assertThat(landing).contains("What the secretariat does here").contains("href=\"/console/organisations\"")
                           .contains("href=\"/console/establish\"").contains("href=\"/console/accounts\"")
                           .contains("/console/bodies/" + group + "/membership");
        assertThat(chairVisitor.page("/console")).doesNotContain("What the secretariat does here")
                                                 .doesNotContain("href=\"/console/accounts\"");
    }

    @Test
    void organisationsAreListedByNameForTheSecretariatOnly() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                secretariatVisitor.page("/console/organisations")).contains("Screen Rights Watch")
                                                                  .contains("Civil society"));
        String page = secretariatVisitor.page("/console/organisations");
        assertThat(page).contains("data-action=\"/api/organisations\"").contains("name=\"stakeholderGroup\"")
                        .contains("/console/assets/screens.js").contains("data-key=\"saved\"")
                        .contains("/console/records/" + rights);

        ApiClient.Response refused = chairVisitor.get("/console/organisations");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("Only the secretariat uses this screen");
    }

    @Test
    void bodiesAreListedWithTheirWorkingGroupsUnderTheirPlenary() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String page = secretariatVisitor.page("/console/establish");
            assertThat(page).contains("Screens Working Group");
            assertThat(page.indexOf("Screens Working Group")).isGreaterThan(page.indexOf("Screens Plenary"));
        });
        assertThat(secretariatVisitor.page("/console/establish")).contains("data-action=\"/api/bodies\"")
                .contains("data-then=\"go:/console/bodies/{id}/membership\"")
                .contains("<option value=\"" + plenary + "\">Screens Plenary</option>")
                // the time zone of its meetings, UTC unless changed, with common zones proposed
                .containsPattern("<label for=\"body-time-zone\">[^<]+</label>")
                .contains("<input id=\"body-time-zone\" name=\"timeZone\" value=\"UTC\"")
                .contains("<option value=\"Europe/Zurich\">");
        assertThat(memberVisitor.get("/console/establish").status()).isEqualTo(403);
    }

    @Test
    void aBodysMembershipOffersTheSecretariatEverythingAndItsCoChairsTheAdmissions() {
        // A government's request waits for a co-chair (only civil society and the private sector join on request).
        assertThat(api.post("/api/bodies/" + group + "/members", delegateOf(government),
                            fields("organisationId", academia)).status()).isEqualTo(202);

        String page = secretariatVisitor.page("/console/bodies/" + group + "/membership");
        assertThat(page).contains("Members and co-chairs of Screens Working Group")
                        .contains("Working group of Screens Plenary")
                        .contains("Ministry of Screens").contains("Appoint co-chair: Ministry of Screens")
                        .contains("Relieve as co-chair: Screen Rights Watch")
                        .contains("data-action=\"/api/bodies/" + group + "/co-chairs/" + rights + "\"")
                        .contains("Withdraw from the body: Ministry of Screens")
                        .doesNotContain("Withdraw from the body: Screen Rights Watch")
                        .contains("University of Screens").contains("asked by Ministry of Screens")
                        .contains("Admit: University of Screens")
                        .contains("data-action=\"/api/bodies/" + group + "/consensus-call-limit\"")
                        .contains("at most 14 days");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                secretariatVisitor.page("/console/bodies/" + group + "/membership")).contains(">Draft</div>"));

        String chairs = chairVisitor.page("/console/bodies/" + group + "/membership");
        assertThat(chairs).contains("Admit: University of Screens").doesNotContain("Appoint co-chair")
                          .doesNotContain("Relieve as co-chair").doesNotContain("Amend the mandate")
                          .doesNotContain("Withdraw from the body");

        ApiClient.Response refused = memberVisitor.get("/console/bodies/" + group + "/membership");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("Only the co-chairs of Screens Working Group and the secretariat");
    }

    @Test
    void accountsAreListedWithoutTheirTokensForTheSecretariatOnly() {
        String page = secretariatVisitor.page("/console/accounts");
        assertThat(page).contains("delegate of Screen Rights Watch").contains("this is you")
                        .contains("data-action=\"/api/accounts\"").contains("data-key=\"none\"")
                        .contains("shown now and never again").doesNotContain("clt_");
        assertThat(chairVisitor.get("/console/accounts").status()).isEqualTo(403);
    }

    @Test
    void anUnknownOrHostileIdIsNotFoundNeverAnError() {
        for (String id : HOSTILE_IDS) {
            ApiClient.Response response = secretariatVisitor.get("/console/bodies/" + id + "/membership");
            assertThat(response.status()).as("%s: %s", id, response).isIn(400, 404);
        }
        assertThat(secretariatVisitor.get("/console/bodies/" + plenary.substring(1) + "/membership").text())
                .contains("Not found");
    }
}
