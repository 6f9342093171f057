package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * The co-chairs' screens over HTTP: a body's meetings and an agenda, its proposals and a proposal's page, and a
 * record's correction. Each renders for the body's co-chairs and the secretariat and offers each only what it may do
 * (a proposal's page also to its proposer, for its withdrawal); anyone else is refused in words; an unknown or
 * hostile id is not found, never an error.
 */
class ChairingScreensTest extends CommandApiTest {

    private String ministry;
    private String rights;
    private String acme;
    private String university;
    private String body;
    private String firstChair;
    private String secondChair;
    private String acmeDelegate;
    private ConsoleVisitor chair;
    private ConsoleVisitor proposer;
    private ConsoleVisitor member;
    private ConsoleVisitor secretariatVisitor;

    @BeforeEach
    void aBodyWithTwoCoChairsAndTwoMembers() {
        ministry = organisation("Ministry of Chairing", "GOVERNMENT");
        rights = organisation("Chairing Rights", "CIVIL_SOCIETY");
        acme = organisation("Acme Chairing", "PRIVATE_SECTOR");
        university = organisation("Chairing University", "ACADEMIA");
        body = api.post("/api/bodies", secretariat, fields("name", "Chairing Plenary", "kind", "PLENARY",
                                                           "mandate", "Decide")).id();
        for (String organisation : List.of(ministry, rights, acme, university)) {
            assertThat(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", organisation))
                          .status()).isEqualTo(201);
        }
        for (String organisation : List.of(ministry, rights)) {
            assertThat(api.post("/api/bodies/" + body + "/co-chairs", secretariat,
                                fields("organisationId", organisation)).status()).isEqualTo(200);
        }
        firstChair = delegateOf(rights);
        secondChair = delegateOf(ministry);
        acmeDelegate = delegateOf(acme);
        chair = ConsoleVisitor.signedIn(port, firstChair);
        proposer = ConsoleVisitor.signedIn(port, acmeDelegate);
        member = ConsoleVisitor.signedIn(port, delegateOf(university));
        secretariatVisitor = ConsoleVisitor.signedIn(port, secretariat);
    }

    @Test
    void aBodysMeetingsAreScheduledOpenedClosedAndCancelledByItsChairs() {
        String meeting = meeting("Chairing session 1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                chair.page("/console/bodies/" + body + "/meetings")).contains("Chairing session 1"));
        String page = chair.page("/console/bodies/" + body + "/meetings");
        assertThat(page).contains("Meetings of Chairing Plenary").contains("data-action=\"/api/meetings\"")
                        .contains("name=\"bodyId\" value=\"" + body + "\"").contains("Dec 1, 2026 09:00 UTC")
                        .contains("data-action=\"/api/meetings/" + meeting + "/opening\"")
                        .contains("data-action=\"/api/meetings/" + meeting + "/cancellation\"")
                        .contains("href=\"/console/meetings/" + meeting + "/agenda\"");
        assertThat(api.post("/api/meetings/" + meeting + "/opening", firstChair, null).status()).isEqualTo(200);
        assertThat(chair.page("/console/bodies/" + body + "/meetings"))
                .as("where a meeting stands is read from the meeting itself, at once")
                .contains("data-action=\"/api/meetings/" + meeting + "/closing\"")
                .doesNotContain("/api/meetings/" + meeting + "/cancellation");

        assertThat(secretariatVisitor.get("/console/bodies/" + body + "/meetings").status()).isEqualTo(200);
        ApiClient.Response refused = member.get("/console/bodies/" + body + "/meetings");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("Only the co-chairs of Chairing Plenary and the secretariat");
        assertThat(chair.get("/console/bodies/nope/meetings").status()).isEqualTo(404);
    }

    @Test
    void anAgendaListsItsProposalsFirstInOrderThenTheOpenOnes() {
        String meeting = meeting("Chairing session 2");
        String first = proposal("First principle");
        String second = proposal("Second principle");
        String decided = proposal("Decided principle");
        assertThat(api.post("/api/proposals/" + decided + "/outcome", firstChair,
                            fields("outcome", "ROUGH_CONSENSUS", "rationale", "Agreed")).status()).isEqualTo(200);
        assertThat(api.post("/api/meetings/" + meeting + "/agenda", firstChair,
                            fields("proposalIds", List.of(second))).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                chair.page("/console/meetings/" + meeting + "/agenda")).contains("First principle"));
        String page = chair.page("/console/meetings/" + meeting + "/agenda");
        assertThat(page).contains("Agenda of Chairing session 2")
                        .contains("data-action=\"/api/meetings/" + meeting + "/agenda\"")
                        .contains("value=\"" + second + "\"").contains("Up: First principle")
                        .doesNotContain("Decided principle");
        assertThat(page.indexOf("Second principle")).isLessThan(page.indexOf("First principle"));
        assertThat(page).containsPattern("value=\"" + second + "\"[^>]*checked")
                        .doesNotContainPattern("value=\"" + first + "\"[^>]*checked");

        assertThat(member.get("/console/meetings/" + meeting + "/agenda").status()).isEqualTo(403);
        assertThat(chair.get("/console/meetings/" + body + "/agenda").status())
                .as("a body's id is no meeting's").isEqualTo(404);
    }

    @Test
    void aBodysProposalsAreListedForItsChairs() {
        String proposal = proposal("Listed principle");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                chair.page("/console/bodies/" + body + "/proposals")).contains("Listed principle"));
        assertThat(chair.page("/console/bodies/" + body + "/proposals"))
                .contains("href=\"/console/proposals/" + proposal + "\"").contains("by Acme Chairing")
                .contains("data-action=\"/api/proposals\"").contains("<option value=\"" + acme + "\">Acme Chairing");
        assertThat(member.get("/console/bodies/" + body + "/proposals").status()).isEqualTo(403);
    }

    @Test
    void aProposalsPageOffersEachAccountWhatItMayDo() {
        String proposal = proposal("Paged principle");
        String path = "/console/proposals/" + proposal;

        String chairs = chair.page(path);
        assertThat(chairs).contains("Paged principle").contains("Acme Chairing")
                          .contains("data-action=\"/api/proposals/" + proposal + "/consensus-call\"")
                          .contains("At most 14 days ahead").contains("max=\"")
                          .doesNotContain("/withdrawal\"").doesNotContain("/appeals\"");
        assertThat(proposer.page(path)).contains("data-action=\"/api/proposals/" + proposal + "/withdrawal\"")
                                       .doesNotContain("/consensus-call\"");
        assertThat(secretariatVisitor.page(path)).contains("/withdrawal\"").doesNotContain("/consensus-call\"");
        ApiClient.Response refused = member.get(path);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).contains("co-chairs of Chairing Plenary, the secretariat and its proposer");

        String deadline = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        assertThat(api.post("/api/proposals/" + proposal + "/consensus-call", firstChair,
                            fields("deadline", deadline)).status()).isEqualTo(200);
        assertThat(chair.page(path)).contains("consensus call open")
                                    .contains("data-action=\"/api/proposals/" + proposal + "/consensus-call/ending\"")
                                    .doesNotContain("/consensus-call\"");
    }

    @Test
    void anAppealIsDecidedByACoChairWhoDidNotDeclareTheOutcome() {
        String proposal = proposal("Appealed principle");
        String path = "/console/proposals/" + proposal;
        assertThat(api.post("/api/proposals/" + proposal + "/outcome", firstChair,
                            fields("outcome", "ROUGH_CONSENSUS", "rationale", "Agreed")).status()).isEqualTo(200);
        assertThat(chair.page(path)).contains("rough consensus")
                                    .contains("data-action=\"/api/proposals/" + proposal + "/appeals\"")
                                    .contains("<option value=\"" + university + "\">Chairing University</option>");
        assertThat(proposer.page(path)).contains("/appeals\"")
                                       .doesNotContain("<option value=\"" + university + "\">");
        String appeal = api.post("/api/proposals/" + proposal + "/appeals", acmeDelegate,
                                 fields("appellant", acme, "grounds", "Not heard")).id();

        String decision = "data-action=\"/api/proposals/" + proposal + "/appeals/" + appeal + "/decision\"";
        assertThat(chair.page(path)).as("the co-chair that declared the outcome").doesNotContain(decision)
                                    .contains("lodged by Acme Chairing").contains("neither declared the outcome");
        assertThat(ConsoleVisitor.signedIn(port, secondChair).page(path)).contains(decision);
        assertThat(secretariatVisitor.page(path)).contains(decision);
    }

    @Test
    void aRecordIsCorrectedByTheSecretariatOrItsBodysChairs() {
        String proposal = proposal("Corrected principle");
        String page = chair.page("/console/records/" + proposal);
        assertThat(page).contains("The record of Corrected principle").contains("Proposal submitted")
                        .contains("Acme Chairing, “Corrected principle”")
                        .contains("data-action=\"/api/corrections\"")
                        .contains("name=\"aggregateId\" value=\"" + proposal + "\"").contains("<option value=\"0\">#0");
        assertThat(member.get("/console/records/" + proposal).status()).isEqualTo(403);

        assertThat(chair.get("/console/records/" + acme).status()).as("an organisation's record: the secretariat's")
                                                                  .isEqualTo(403);
        assertThat(secretariatVisitor.page("/console/records/" + acme)).contains("Organisation registered")
                                                                       .contains("private sector");
        assertThat(secretariatVisitor.page("/console/records/" + body)).contains("Body established")
                                                                       .contains("Co-chair appointed");
    }

    @Test
    void anUnknownOrHostileIdIsNotFoundNeverAnError() {
        for (String id : SecretariatScreensTest.HOSTILE_IDS) {
            for (String path : List.of("/console/bodies/" + id + "/meetings", "/console/bodies/" + id + "/proposals",
                                       "/console/meetings/" + id + "/agenda", "/console/proposals/" + id,
                                       "/console/records/" + id)) {
                ApiClient.Response response = chair.get(path);
                assertThat(response.status()).as("%s: %s", path, response).isIn(400, 404);
            }
        }
    }

    private String meeting(String title) {
        return api.post("/api/meetings", firstChair, fields("bodyId", body, "title", title,
                                                            "startsAt", "2026-12-01T09:00:00Z", "format", "VIRTUAL"))
                  .id();
    }

    private String proposal(String title) {
        ApiClient.Response submitted = api.post("/api/proposals", acmeDelegate, fields(
                "bodyId", body, "proposedBy", acme, "title", title, "text", "The text of " + title + "."));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        return submitted.id();
    }
}
