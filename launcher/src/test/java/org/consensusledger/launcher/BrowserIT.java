package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The web in a real browser, on the whole ledger as the README's one command runs it: a co-chair chairs a meeting in
 * the console by keyboard and mouse, and the public sees it on the site in another browser; an answer lost on the
 * network is retried without recording twice; two co-chairs at once get a clear message instead of a lost write.
 * axe-core checks every page type of both; screenshots at desktop and phone width go to target/screenshots/.
 */
class BrowserIT {

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void aCoChairRunsAWholeMeetingInTheConsoleAndThePublicSeesItOnTheSite() throws Exception {
        String meeting = meeting("Plenary session 4");
        String proposal;
        String checkpoint;
        try (Browser chair = new Browser()) {
            signIn(chair, chairToken);
            chair.assertAccessible("the console's bodies");
            chair.await(d -> !d.findElements(By.linkText("Data Governance Plenary")).isEmpty() || reload(chair));
            chair.click("main a[href='/console/bodies/" + body + "']");
            chair.await(d -> !d.findElements(By.linkText("Plenary session 4")).isEmpty() || reload(chair));
            chair.assertAccessible("a body's meetings in the console");
            chair.driver.findElement(By.linkText("Plenary session 4")).click();

            chair.await(d -> chair.find("#open-meeting").isDisplayed());
            chair.assertAccessible("the meeting screen, scheduled");
            chair.click("#open-meeting");
            chair.awaitText("#meeting-status", "Open");

            // Attendance by mouse: all five present, one of them remote (a position in the meeting needs it).
            for (String present : List.of("Ministry of Digital Affairs", "Open Rights Group", "Privacy Now",
                                          "Acme Networks")) {
                tick(chair, present);
            }
            new Select(chair.find("#attendance-mode")).selectByValue("REMOTE");
            tick(chair, "University of Lisbon");

            // The proposal, submitted for a member.
            chair.click("#new-proposal-box summary");
            new Select(chair.find("#new-proposal-by")).selectByVisibleText("Privacy Now");
            chair.find("#new-proposal-title").sendKeys("Data minimisation principle");
            chair.find("#new-proposal-text").sendKeys("Collect only the data a purpose needs.\n"
                                                              + "Keep it no longer than that purpose needs.");
            chair.click("#new-proposal button[type=submit]");
            chair.awaitText("#proposal-title", "Data minimisation principle");
            proposal = proposalTitled("Data minimisation principle");

            // By keyboard: members are keyed 1 Ministry, 2 Open Rights, 3 Privacy Now, 4 Acme, 5 University.
            keys(chair, "4", "c");
            chair.find("#contribution-text").sendKeys("Retention periods are unclear for backups.",
                                                      Keys.chord(Keys.CONTROL, Keys.ENTER));
            chair.awaitText("#concerns", "Retention periods are unclear");
            keys(chair, "3", "s");
            chair.await(d -> row(chair, "Privacy Now").getText().contains("supports"));
            keys(chair, "1", "o");
            chair.find("#contribution-text").sendKeys("It conflicts with lawful retention duties.",
                                                      Keys.chord(Keys.CONTROL, Keys.ENTER));
            chair.awaitText("#objections", "lawful retention duties");
            // ... and one by mouse.
            chair.click("button[aria-label='Objection of University of Lisbon']");
            chair.find("#contribution-text").sendKeys("Research data needs longer retention.");
            chair.click("#contribution button[type=submit]");
            chair.awaitText("#blocking", "2 objections without disposition");
            assertThat(chair.text("#tallies")).contains("Government").contains("Academia");
            chair.assertAccessible("the meeting screen with a proposal, objections and tallies");

            // A revision that accommodates the university.
            chair.click("#revise-box summary");
            WebElement text = chair.find("#revise-text");
            text.clear();
            text.sendKeys("Collect only the data a purpose needs.\n"
                                  + "Keep it no longer than that purpose needs, except research data under ethics review.");
            chair.find("#revise-summary").sendKeys("Research exception");
            chair.click("#revise button[type=submit]");
            chair.awaitText("#text-h", "version 2");

            dispose(chair, "Ministry of Digital Affairs", "NOT_ACCOMMODATED", null,
                    "Retention duties are set by law, not by this principle.");
            dispose(chair, "University of Lisbon", "ACCOMMODATED", "2", null);
            chair.awaitText("#blocking", "Nothing blocks a declaration");

            // The declaration asks for confirmation, naming the version and the dissent to be recorded.
            new Select(chair.find("#outcome")).selectByValue("ROUGH_CONSENSUS");
            chair.find("#rationale").sendKeys("All objections were addressed; one is recorded as dissent.");
            chair.click("#declare button[type=submit]");
            chair.await(d -> chair.find("#confirm").isDisplayed());
            assertThat(chair.text("#confirm-what")).contains("version 2").contains("Data minimisation principle");
            assertThat(chair.text("#confirm-dissent")).contains("Ministry of Digital Affairs")
                                                      .contains("Retention duties are set by law");
            chair.assertAccessible("the declaration's confirmation");
            chair.screenshot("console-declaration-confirmation");
            chair.click("#confirm-yes");
            chair.awaitText("#outcome-recorded", "Decided: rough consensus");
            chair.screenshot("console-meeting-desktop");
            chair.width(Browser.PHONE_WIDTH);
            chair.assertNoSidewaysScrolling("the meeting screen");
            chair.screenshot("console-meeting-360");
            chair.width(Browser.DESKTOP_WIDTH);

            // Closing shows the checkpoint it recorded.
            chair.click("#close-meeting");
            chair.driver.switchTo().alert().accept();
            chair.await(d -> chair.find("#checkpoint-section").isDisplayed());
            checkpoint = chair.find("#checkpoint").isDisplayed() ? chair.text("#checkpoint") : null;
            String recorded = commandState("/api/meetings/" + meeting).path("checkpoint").asText(null);
            assertThat(recorded == null ? null : recorded.strip()).as("the checkpoint shown is the one recorded")
                                                                  .isEqualTo(checkpoint);
            chair.assertAccessible("the meeting screen, closed");
            assertThat(chair.findAll("#activity li")).hasSizeGreaterThanOrEqualTo(14)
                                                      .allSatisfy(item -> assertThat(item.getAttribute("class"))
                                                              .as(item.getText()).isEqualTo("saved"));
        }

        try (Browser reader = new Browser()) {
            String dossier = site + "/proposals/" + proposal;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(get(dossier)).contains("rough consensus");
                assertThat(get(site + "/meetings/" + meeting)).contains("closed");
            });

            reader.open(site + "/");
            assertThat(reader.text("main")).contains("Data Governance Plenary").contains("Data minimisation principle");
            page(reader, "site-home");

            reader.open(site + "/bodies/" + body);
            assertThat(reader.text("main")).contains("Open Rights Group").contains("Plenary session 4");
            page(reader, "site-body");

            reader.open(dossier);
            String shown = reader.text("main");
            assertThat(shown).contains("except research data under ethics review")
                             .contains("Retention periods are unclear for backups")
                             .contains("It conflicts with lawful retention duties")
                             .contains("Not accommodated").contains("Retention duties are set by law")
                             .contains("Accommodated").contains("Dissent recorded (1)");
            assertThat(reader.findAll("p.diff ins")).extracting(WebElement::getText)
                                                      .anyMatch(line -> line.contains("ethics review"));
            // Words were only added (the sentence goes on): each addition is named for screen readers.
            assertThat(reader.findAll("p.diff ins .visually-hidden")).isNotEmpty();
            page(reader, "site-dossier");
            assertPrintable(reader);

            reader.open(dossier + "/timeline");
            List<WebElement> permalinks = reader.findAll("ol.timeline h2 a");
            assertThat(permalinks).hasSizeGreaterThanOrEqualTo(9);
            WebElement declared = permalinks.get(permalinks.size() - 1);
            String anchor = declared.getAttribute("href");
            declared.click();
            assertThat(reader.driver.getCurrentUrl()).isEqualTo(anchor);
            String position = anchor.substring(anchor.indexOf("#event-") + "#event-".length());
            assertThat(reader.find("li#event-" + position).getText()).contains("Open Rights Group");
            String proof = reader.find("li#event-" + position + " a[href*='/proof']").getAttribute("href");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(proof) == 200);
            page(reader, "site-timeline");

            reader.open(site + "/meetings/" + meeting);
            assertThat(reader.text("main")).contains("Privacy Now").contains("remote")
                                           .contains("Data minimisation principle");
            if (checkpoint != null) {
                assertThat(reader.text("main")).contains(checkpoint.lines().findFirst().orElseThrow());
            }
            page(reader, "site-minutes");

            reader.open(site + "/bodies/" + body + "/engagement");
            assertThat(reader.findAll("figure svg[role='img'] title")).isNotEmpty();
            assertThat(reader.text("main table")).contains("Civil society").contains("Government");
            page(reader, "site-engagement");

            reader.open(site + "/proposals?q=minimisation");
            assertThat(reader.text("main")).contains("Data minimisation principle");
            page(reader, "site-search");

            // The self-check, after a whole meeting recorded through the console, finds the public record as the log.
            reader.open(site + "/self-check");
            reader.await(d -> reader.text("main").contains("No differences found") || reload(reader));
            page(reader, "site-self-check");

            reader.open(site + "/proposals/no-such-proposal");
            page(reader, "site-not-found");

            assertThat(get(site + "/feeds/decisions.atom")).contains("Data minimisation principle");
            assertThat(get(site + "/feeds/bodies/" + body + "/decisions.atom")).contains("Data minimisation principle");
        }
    }

    /**
     * Issue 18's rules from end to end, through the command API (the console's screens for them come later) and read
     * on the public site and its JSON: an agenda that reorders the items, a consensus call bounded by the working
     * group's terms and ended early by the other co-chair, a concern answered, an attendance corrected, and minutes
     * sealed by a signed checkpoint that covers the meeting, in which the closing's inclusion proof verifies.
     */
    @Test
    void aMeetingWithAnAgendaABoundedCallEndedEarlyAnAnswerAndACorrectedAttendanceIsSealedAndShown()
            throws Exception {
        String group = post("/api/bodies", secretariat, Map.of(
                "name", "Data Retention Working Group", "kind", "WORKING_GROUP", "parentBodyId", body,
                "mandate", "Draft retention principles.")).path("id").asText();
        for (String member : ORGANISATIONS.values()) {
            post("/api/bodies/" + group + "/members", secretariat, Map.of("organisationId", member));
        }
        post("/api/bodies/" + group + "/co-chairs", secretariat, Map.of("organisationId", id("Open Rights Group")));
        post("/api/bodies/" + group + "/co-chairs", secretariat,
             Map.of("organisationId", id("Ministry of Digital Affairs")));
        post("/api/bodies/" + group + "/consensus-call-limit", secretariat, Map.of("maxCallDays", 7));

        String meeting = post("/api/meetings", chairToken, Map.of(
                "bodyId", group, "title", "Retention session 1", "startsAt", "2026-12-02T09:00:00Z",
                "format", "HYBRID", "location", "Lisbon")).path("id").asText();
        post("/api/meetings/" + meeting + "/opening", chairToken, Map.of());
        for (String present : List.of("Ministry of Digital Affairs", "Open Rights Group", "Privacy Now",
                                      "Acme Networks")) {
            post("/api/meetings/" + meeting + "/attendance", chairToken,
                 Map.of("organisationId", id(present), "mode", "IN_PERSON"));
        }
        post("/api/meetings/" + meeting + "/attendance", chairToken,
             Map.of("organisationId", id("University of Lisbon"), "mode", "REMOTE"));
        String backups = post("/api/proposals", chairToken, Map.of(
                "bodyId", group, "proposedBy", id("Privacy Now"), "title", "Backups follow retention",
                "text", "Backups are deleted when the data they hold is.", "meetingId", meeting))
                .path("id").asText();
        String logs = post("/api/proposals", chairToken, Map.of(
                "bodyId", group, "proposedBy", id("Privacy Now"), "title", "Logs kept for 90 days",
                "text", "Access logs are kept for 90 days.", "meetingId", meeting)).path("id").asText();
        post("/api/meetings/" + meeting + "/agenda", chairToken, Map.of("proposalIds", List.of(logs, backups)));

        // The call is bounded by the group's terms; the other co-chair ends it early.
        String p = "/api/proposals/" + backups;
        String tooLong = java.time.Instant.now().plus(Duration.ofDays(30)).toString();
        assertThat(statusOf("POST", p + "/consensus-call", chairToken,
                            JSON.writeValueAsString(Map.of("deadline", tooLong, "meetingId", meeting))))
                .isEqualTo(409);
        post(p + "/consensus-call", chairToken, Map.of(
                "deadline", java.time.Instant.now().plus(Duration.ofDays(5)).toString(), "meetingId", meeting));
        String concern = post(p + "/concerns", chairToken, Map.of(
                "organisationId", id("Acme Networks"), "text", "Restoring a backup could bring deleted data back.",
                "meetingId", meeting)).path("id").asText();
        post(p + "/concerns/" + concern + "/answers", secondChairToken, Map.of(
                "answer", "A restore deletes again what was deleted since.", "meetingId", meeting));
        post(p + "/consensus-call/ending", secondChairToken, Map.of(
                "reasons", "Every member has spoken; no need to wait five days.", "meetingId", meeting));
        post(p + "/support", chairToken, Map.of("organisationId", id("University of Lisbon"), "meetingId", meeting));
        post(p + "/outcome", secondChairToken, Map.of(
                "outcome", "ROUGH_CONSENSUS", "rationale", "Broad support; the concern was answered.",
                "meetingId", meeting));
        post("/api/meetings/" + meeting + "/attendance/" + id("University of Lisbon") + "/correction", chairToken,
             Map.of("mode", "IN_PERSON", "reason", "The university's delegate was in the room."));
        post("/api/meetings/" + meeting + "/closing", chairToken, Map.of());

        // Sealed by its own checkpoint: the closing is in its tree, and its inclusion proof verifies.
        JsonNode minutes = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get(site + "/api/public/meetings/" + meeting)),
                read -> !read.path("meeting").path("seal").isMissingNode()
                        && !read.path("meeting").path("seal").isNull());
        JsonNode seal = minutes.path("meeting").path("seal");
        long closing = seal.path("closingPosition").asLong();
        long size = seal.path("checkpointSize").asLong();
        org.consensusledger.tlog.SignedNote note = new org.consensusledger.tlog.NoteVerifier(
                get(site + "/api/audit/vkey").strip()).verify(seal.path("checkpoint").asText());
        org.consensusledger.tlog.Checkpoint sealed = org.consensusledger.tlog.Checkpoint.parse(note.text());
        assertThat(sealed.size()).isEqualTo(size).isGreaterThan(closing);
        JsonNode closingEvent = JSON.readTree(get(site + "/api/audit/events?from=" + closing + "&limit=1"));
        assertThat(closingEvent.path("payloadType").asText()).endsWith("MeetingClosed");
        JsonNode proof = JSON.readTree(get(site + "/api/audit/proof/inclusion?index=" + closing + "&size=" + size));
        java.util.Base64.Decoder base64 = java.util.Base64.getDecoder();
        List<byte[]> hashes = new java.util.ArrayList<>();
        proof.path("hashes").forEach(hash -> hashes.add(base64.decode(hash.asText())));
        org.consensusledger.tlog.MerkleProofs.verifyInclusion(
                closing, size, org.consensusledger.audit.Leaves.leafHash(closingEvent), hashes, sealed.rootHash());
        minutes.path("meeting").path("items").forEach(item -> assertThat(item.path("globalPosition").asLong())
                .as("every step of the meeting is in the sealing tree").isLessThan(size));

        // The public JSON: the agenda's order, the corrected attendance, the call ended early, the answer, whose voice.
        assertThat(minutes.path("sections")).extracting(section -> section.path("proposalId").asText())
                                            .containsExactly(logs, backups);
        JsonNode university = java.util.stream.StreamSupport.stream(
                        minutes.path("meeting").path("attendance").spliterator(), false)
                .filter(a -> a.path("organisationId").asText().equals(id("University of Lisbon")))
                .findFirst().orElseThrow();
        assertThat(university.path("mode").asText()).isEqualTo("REMOTE");
        assertThat(university.path("changes").get(0).path("mode").asText()).isEqualTo("IN_PERSON");
        JsonNode dossier = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get(site + "/api/public/proposals/" + backups)),
                read -> read.path("status").asText().equals("DECIDED"));
        JsonNode call = dossier.path("consensusCalls").get(0);
        assertThat(call.path("ended").path("endedBy").asText()).isEqualTo(id("Ministry of Digital Affairs"));
        JsonNode concernShown = dossier.path("contributions").get(0);
        assertThat(concernShown.path("answers").get(0).path("answeredBy").asText())
                .isEqualTo(id("Ministry of Digital Affairs"));
        assertThat(dossier.path("outcomes").get(0).path("composition").path("met").asBoolean()).isTrue();
        JsonNode timeline = JSON.readTree(get(site + "/api/public/proposals/" + backups + "/timeline"));
        assertThat(timeline.toString()).doesNotContain("recordedBy");
        assertThat(JSON.readTree(get(site + "/api/public/bodies/" + group)).path("maxCallDays").asInt())
                .isEqualTo(7);

        // The pages say it in words, and name who recorded each step by role and organisation.
        try (Browser reader = new Browser()) {
            reader.open(site + "/meetings/" + meeting);
            assertThat(reader.text("main")).contains("Agenda").contains("Logs kept for 90 days")
                                           .contains("corrected to in person")
                                           .contains("The university's delegate was in the room.")
                                           .contains("Sealed").contains("Call for consensus ended early")
                                           .contains("a co-chair's delegate for Open Rights Group")
                                           .contains("a co-chair's delegate for Ministry of Digital Affairs")
                                           .doesNotContain("??");
            assertThat(reader.findAll("main h3")).extracting(WebElement::getText)
                                                 .startsWith("Item 1: Logs kept for 90 days",
                                                             "Item 2: Backups follow retention");
            page(reader, "site-minutes-sealed");

            reader.open(site + "/proposals/" + backups);
            assertThat(reader.text("main"))
                    .contains("Ended before its deadline by Ministry of Digital Affairs")
                    .contains("Every member has spoken")
                    .contains("Answered by Ministry of Digital Affairs")
                    .contains("Co-facilitated by a government: yes")
                    .doesNotContain("??");
            page(reader, "site-dossier-call-ended");

            reader.open(site + "/proposals/" + backups + "/timeline");
            assertThat(reader.text("main")).contains("Whose act").contains("Acme Networks")
                                           .contains("a co-chair's delegate for Ministry of Digital Affairs")
                                           .contains("Concern answered").doesNotContain("??");
            page(reader, "site-timeline-voices");

            reader.open(site + "/bodies/" + group);
            assertThat(reader.text("main")).contains("at most 7 days");
        }
    }

    @Test
    void anAnswerLostOnTheNetworkIsRetriedAndTheActionIsStoredOnce() throws Exception {
        String meeting = openMeeting("Session with a bad connection");
        String proposal = proposal(meeting, "Network resilience");
        try (Browser chair = new Browser()) {
            openMeetingScreen(chair, meeting, "Network resilience");
            network.dropTheAnswerToTheNext("POST /api/proposals/" + proposal + "/concerns ");

            keys(chair, "2", "c");
            chair.find("#contribution-text").sendKeys("Offline use must stay possible.",
                                                      Keys.chord(Keys.CONTROL, Keys.ENTER));

            chair.awaitText("#concerns", "Offline use must stay possible");
            chair.await(d -> "saved".equals(chair.find("#activity li").getAttribute("class")));
            assertThat(network.dropped()).as("the first answer was lost").isEqualTo(1);
            assertThat(network.requests()).as("the console sent it again").isGreaterThanOrEqualTo(2);
            JsonNode concerns = commandState("/api/proposals/" + proposal).path("concerns");
            assertThat(concerns).as("stored exactly once").hasSize(1);
            assertThat(concerns.get(0).path("organisationId").asText()).isEqualTo(id("Open Rights Group"));
        }
    }

    /**
     * Two co-chairs at once: a contribution from a screen that is behind is stored (contributions do not conflict);
     * two revisions of the text do, and the second is refused with the change told in words, the fresh state shown
     * and the typed text kept, then sent again on purpose: never a lost write.
     */
    @Test
    void twoCoChairsAtOnceGetAClearMessageAndTheFreshStateNeverALostWrite() throws Exception {
        String meeting = openMeeting("Session with two co-chairs");
        String proposal = proposal(meeting, "Shared chairing");
        try (Browser first = new Browser(); Browser second = new Browser()) {
            openMeetingScreen(first, meeting, "Shared chairing");
            // The second co-chair's screen hears nothing live (a slow network), so its revision is decided on a stale
            // version: a real conflict.
            second.withoutLiveUpdates();
            signIn(second, secondChairToken);
            second.open(console + "/console/meetings/" + meeting);
            // The ledger is shared with the other browser tests: the agenda may list their proposals too.
            second.await(d -> second.findAll("#agenda button").stream()
                                    .anyMatch(button -> button.getText().equals("Shared chairing")));
            second.click("#agenda-" + proposal);
            second.awaitText("#proposal-title", "Shared chairing");
            second.assertAccessible("the meeting screen of a second co-chair");

            // The second co-chair records a concern; the first one's screen is now behind, and its support for
            // another member is recorded all the same.
            keys(second, "4", "c");
            second.find("#contribution-text").sendKeys("Costs for small firms.", Keys.chord(Keys.CONTROL, Keys.ENTER));
            second.awaitText("#concerns", "Costs for small firms");
            first.click("button[aria-label='Support from University of Lisbon']");
            first.await(d -> row(first, "University of Lisbon").getText().contains("supports"));
            assertThat(first.find("#conflict").isDisplayed()).isFalse();
            assertThat(first.find("#activity li:last-child").getAttribute("class")).isEqualTo("saved");
            first.awaitText("#concerns", "Costs for small firms");
            assertThat(commandState("/api/proposals/" + proposal).path("positions").path(id("University of Lisbon"))
                                                                  .asText()).isEqualTo("SUPPORT");
            assertThat(commandState("/api/proposals/" + proposal).path("concerns")).hasSize(1);

            // Both revise the text; the first saves while the second is still typing.
            second.click("#revise-box summary");
            WebElement secondText = second.find("#revise-text");
            secondText.clear();
            secondText.sendKeys("Shared chairing, as the second co-chair words it.");
            first.click("#revise-box summary");
            WebElement firstText = first.find("#revise-text");
            firstText.clear();
            firstText.sendKeys("Shared chairing, as the first co-chair words it.");
            first.click("#revise button[type=submit]");
            first.awaitText("#text-h", "version 2");
            second.click("#revise button[type=submit]");

            second.await(d -> second.find("#conflict").isDisplayed());
            assertThat(second.text("#conflict")).contains("New version of the text was not recorded")
                                                .contains("The text was revised meanwhile: it is now version 2.");
            assertThat(second.find("#activity li:last-child").getAttribute("class")).isEqualTo("conflict");
            assertThat(second.text("#revise")).contains("The text was revised meanwhile");
            second.awaitText("#proposal-text", "as the first co-chair words it");
            assertThat(second.find("#revise-text").getAttribute("value"))
                    .as("what the second co-chair typed is kept").isEqualTo(
                            "Shared chairing, as the second co-chair words it.");
            second.assertAccessible("the meeting screen after a conflict");
            second.screenshot("console-conflict");
            JsonNode afterConflict = commandState("/api/proposals/" + proposal);
            assertThat(afterConflict.path("textVersion").asInt()).as("nothing recorded from the stale screen")
                                                                 .isEqualTo(2);
            assertThat(afterConflict.path("text").asText()).contains("first co-chair");

            // Sent again, now on the fresh state, on purpose: it goes through as version 3.
            second.click("#revise button[type=submit]");
            second.awaitText("#text-h", "version 3");
            assertThat(commandState("/api/proposals/" + proposal).path("text").asText()).contains("second co-chair");
        }
    }

}
