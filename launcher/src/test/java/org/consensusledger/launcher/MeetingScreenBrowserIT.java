package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The meeting screen in a room with several co-chairs (issue 20): contributions by two co-chairs at once are all
 * stored; a real conflict is told in words and what the co-chair typed is kept; declaring is impossible, and says
 * why, while an objection blocks it; attendance is unticked and switched through corrections; positions given on an
 * earlier text are marked; and at 1280 x 800 the proposal, what blocks it and the members are on one screen, by
 * keyboard, dispositions included; at 360 px it still works without sideways scrolling.
 */
class MeetingScreenBrowserIT {

    private static final int ROOM_HEIGHT = 800;

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void twoCoChairsRecordContributionsForDifferentMembersAtTheSameMomentAndAllAreStored() throws Exception {
        String meeting = openMeeting("Room session: contributions at once");
        String proposal = proposal(meeting, "Contributions at once");
        try (Browser first = new Browser(); Browser second = new Browser()) {
            screen(first, chairToken, meeting, "Contributions at once");
            screen(second, secondChairToken, meeting, "Contributions at once");

            // The first records an objection; the second, whose screen has not seen it, a support right after.
            keys(first, "1", "o");
            first.find("#contribution-text").sendKeys("It conflicts with lawful retention duties.",
                                                      Keys.chord(Keys.CONTROL, Keys.ENTER));
            awaitSaved(first);
            keys(second, "4", "s");
            awaitSaved(second);

            // Then both at the same moment, each on a screen the other's action has not reached.
            keys(first, "5", "s");
            keys(second, "3", "a");
            second.find("#contribution-text").sendKeys("A conflict of interest.", Keys.chord(Keys.CONTROL, Keys.ENTER));
            awaitSaved(first);
            awaitSaved(second);

            for (Browser chair : List.of(first, second)) {
                assertThat(chair.find("#conflict").isDisplayed()).as("no conflict between contributions").isFalse();
                assertThat(chair.findAll("#activity li")).allSatisfy(
                        item -> assertThat(item.getAttribute("class")).as(item.getText()).isEqualTo("saved"));
            }
            JsonNode state = commandState("/api/proposals/" + proposal);
            assertThat(state.path("objections")).hasSize(1);
            assertThat(state.path("objections").get(0).path("organisationId").asText())
                    .isEqualTo(id("Ministry of Digital Affairs"));
            assertThat(state.path("positions").path(id("Acme Networks")).asText()).isEqualTo("SUPPORT");
            assertThat(state.path("positions").path(id("University of Lisbon")).asText()).isEqualTo("SUPPORT");
            assertThat(state.path("positions").path(id("Privacy Now")).asText()).isEqualTo("STAND_ASIDE");
            changedElsewhere(first);
            first.awaitText("#members", "stands aside");
        }
    }

    @Test
    void bothDisposingOfTheSameObjectionIsExplainedInWordsAndTheLosersReasonsAreKept() throws Exception {
        String meeting = openMeeting("Room session: one objection, two co-chairs");
        String proposal = proposal(meeting, "One objection, two co-chairs");
        String objection = post("/api/proposals/" + proposal + "/objections", chairToken, Map.of(
                "organisationId", id("Ministry of Digital Affairs"), "grounds", "Retention is set by law.",
                "meetingId", meeting)).path("id").asText();
        try (Browser winner = new Browser(); Browser loser = new Browser()) {
            // A real conflict needs a screen that has not yet heard of the other's decision: the loser's network
            // is slow (it hears nothing live); a live screen would show the disposition before its own is sent.
            loser.withoutLiveUpdates();
            screen(winner, chairToken, meeting, "One objection, two co-chairs");
            screen(loser, secondChairToken, meeting, "One objection, two co-chairs");

            // The loser works on a phone, scrolled to the objection, and has typed its reasons.
            loser.width(Browser.PHONE_WIDTH);
            WebElement form = loser.await(d -> loser.find("#objections form.disposition"));
            loser.script("arguments[0].scrollIntoView({block: 'center'})", form);
            loser.await(d -> {
                WebElement notAccommodated = loser.find("#disposition-" + objection + "-NOT_ACCOMMODATED");
                if (!notAccommodated.isSelected()) {
                    notAccommodated.click();
                }
                return notAccommodated.isSelected();
            });
            String typed = "Retention periods are for the law to set, not for this principle.";
            loser.find("#reasons-" + objection).sendKeys(typed);

            dispose(winner, "Ministry of Digital Affairs", "NOT_ACCOMMODATED", null,
                    "Out of scope for this body.");

            loser.find("#reasons-" + objection).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

            loser.await(d -> loser.find("#conflict").isDisplayed());
            String told = "The objection of Ministry of Digital Affairs was given a disposition meanwhile: not "
                    + "accommodated, by Open Rights Group.";
            assertThat(loser.text("#conflict")).contains("Disposition of the objection of Ministry of Digital Affairs "
                                                                 + "was not recorded").contains(told);
            loser.awaitText("#objections", "Out of scope for this body.");
            WebElement kept = loser.find("#objections form.disposition");
            assertThat(kept.getText()).contains(told).contains("what you entered is kept here");
            assertThat(loser.find("#reasons-" + objection).getAttribute("value")).isEqualTo(typed);
            assertThat(kept.findElement(By.cssSelector("input[value='NOT_ACCOMMODATED']")).isSelected()).isTrue();
            assertThat(kept.findElement(By.cssSelector("button[type=submit]")).isEnabled())
                    .as("a disposition the ledger would refuse cannot be sent").isFalse();
            // The page has not jumped: the form the co-chair was working in is still in the window.
            assertThat((Boolean) loser.script("const r = arguments[0].getBoundingClientRect();"
                                                      + "return window.scrollY > 0 && r.top >= 0 "
                                                      + "&& r.bottom <= window.innerHeight;",
                                              loser.find("#reasons-" + objection)))
                    .as("the reasons are still in view").isTrue();
            assertThat(loser.text("#activity li:last-child")).contains(told);
            assertThat(loser.find("#activity li:last-child").getAttribute("class")).isEqualTo("conflict");
            loser.assertAccessible("the meeting screen telling a conflict, on a phone");
            loser.screenshot("console-conflict-360");

            JsonNode recorded = commandState("/api/proposals/" + proposal).path("objections").get(0);
            assertThat(recorded.path("reasons").asText()).isEqualTo("Out of scope for this body.");
            assertThat(recorded.path("addressedBy").asText()).isEqualTo(id("Open Rights Group"));
        }
    }

    @Test
    void declaringIsImpossibleAndSaysWhyWhileAnObjectionBlocks() throws Exception {
        String meeting = openMeeting("Room session: what blocks");
        String proposal = proposal(meeting, "What blocks");
        String objection = post("/api/proposals/" + proposal + "/objections", chairToken, Map.of(
                "organisationId", id("Acme Networks"), "grounds", "Unworkable for small firms.",
                "meetingId", meeting)).path("id").asText();
        try (Browser chair = new Browser()) {
            screen(chair, chairToken, meeting, "What blocks");

            // Rough consensus is blocked, with the reason next to the button; another outcome is not.
            assertThat(new Select(chair.find("#outcome")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("ROUGH_CONSENSUS");
            assertThat(chair.find("#declare-submit").isEnabled()).isFalse();
            assertThat(chair.text("#declare-blocked")).isEqualTo("Rough consensus cannot be declared yet: the "
                                                                         + "objection of Acme Networks has no "
                                                                         + "disposition.");
            new Select(chair.find("#outcome")).selectByValue("NO_CONSENSUS");
            assertThat(chair.find("#declare-submit").isEnabled()).isTrue();
            assertThat(chair.find("#declare-blocked").isDisplayed()).isFalse();
            new Select(chair.find("#outcome")).selectByValue("ROUGH_CONSENSUS");
            assertThat(chair.find("#declare-submit").isEnabled()).isFalse();
            chair.assertAccessible("the meeting screen with a declaration blocked");

            // No pre-fill the ledger would refuse: the objection is on the only version, so accommodation waits for a
            // revision; once there is one, it is offered.
            assertThat(chair.find("#accommodating-" + objection).getAttribute("value")).isEmpty();
            assertThat(chair.find("#disposition-" + objection + "-ACCOMMODATED").isEnabled()).isFalse();
            assertThat(chair.text("#objections")).contains("none after version 1 yet");
            post("/api/proposals/" + proposal + "/revisions", chairToken, Map.of(
                    "text", "The text of What blocks, with an exemption for small firms.", "meetingId", meeting));
            changedElsewhere(chair);
            chair.await(d -> "2".equals(chair.find("#accommodating-" + objection).getAttribute("value")));
            assertThat(chair.find("#disposition-" + objection + "-ACCOMMODATED").isEnabled()).isTrue();
            dispose(chair, "Acme Networks", "ACCOMMODATED", null, null);
            chair.await(d -> chair.find("#declare-submit").isEnabled());

            // While the confirmation is open another co-chair records an objection: "Declare it" is disabled, says
            // why, and "Go back" has the focus.
            chair.find("#rationale").sendKeys("The one objection was accommodated.");
            chair.click("#declare-submit");
            chair.await(d -> chair.find("#confirm").isDisplayed());
            assertThat(chair.script("return document.activeElement.id")).isEqualTo("confirm-yes");
            post("/api/proposals/" + proposal + "/objections", secondChairToken, Map.of(
                    "organisationId", id("University of Lisbon"), "grounds", "Research data needs more time.",
                    "meetingId", meeting));
            changedElsewhere(chair);
            chair.awaitText("#confirm-blocking", "the objection of University of Lisbon has no disposition");
            assertThat(chair.find("#confirm-yes").isEnabled()).isFalse();
            assertThat(chair.script("return document.activeElement.id")).isEqualTo("confirm-no");
            chair.assertAccessible("the declaration's confirmation, blocked meanwhile");
            chair.find("#confirm-no").sendKeys(Keys.ENTER);
            chair.await(d -> !chair.find("#confirm").isDisplayed());
            assertThat(commandState("/api/proposals/" + proposal).path("status").asText()).isEqualTo("OPEN");

            // "Proposed by" has no default: the co-chair chooses.
            chair.click("#new-proposal-box summary");
            Select by = new Select(chair.find("#new-proposal-by"));
            assertThat(by.getFirstSelectedOption().getAttribute("value")).isEmpty();
            assertThat(by.getFirstSelectedOption().getText()).isEqualTo("choose…");
            assertThat(chair.find("#new-proposal-by").getAttribute("required")).isNotNull();
        }
    }

    @Test
    void attendanceIsUntickedAndSwitchedThroughCorrectionsAndAPositionOfAnAbsentMemberAsksFirst() throws Exception {
        String meeting = openMeeting("Room session: attendance");
        String proposal = proposal(meeting, "Attendance corrected");
        try (Browser chair = new Browser()) {
            screen(chair, chairToken, meeting, "Attendance corrected");

            chair.click("#switch-" + id("Acme Networks"));
            answer(chair, "Joined from the office.");
            chair.await(d -> attendanceItem(chair, "Acme Networks").getText().contains("remote")
                    && attendanceItem(chair, "Acme Networks").getText().contains("saved"));
            chair.click("#attended-" + id("University of Lisbon"));
            answer(chair, "Ticked by mistake: not in the room.");
            chair.await(d -> !chair.find("#attended-" + id("University of Lisbon")).isSelected()
                    && attendanceItem(chair, "University of Lisbon").getText().contains("saved"));
            JsonNode attendance = commandState("/api/meetings/" + meeting).path("attendance");
            assertThat(attendance.path(id("Acme Networks")).asText()).isEqualTo("REMOTE");
            assertThat(attendance.has(id("University of Lisbon"))).isFalse();
            chair.await(d -> row(chair, "University of Lisbon").getText().contains("not recorded as attending"));

            // A position for a member not recorded as attending asks first, and records the attendance before it.
            new Select(chair.find("#attendance-mode")).selectByValue("REMOTE");
            keys(chair, "5", "s");
            Alert warning = chair.driver.switchTo().alert();
            assertThat(warning.getText()).contains("University of Lisbon is not recorded as attending");
            warning.accept();
            chair.await(d -> row(chair, "University of Lisbon").getText().contains("supports"));
            assertThat(commandState("/api/meetings/" + meeting).path("attendance").path(id("University of Lisbon"))
                                                                .asText()).isEqualTo("REMOTE");
            assertThat(commandState("/api/proposals/" + proposal).path("positions").path(id("University of Lisbon"))
                                                                  .asText()).isEqualTo("SUPPORT");
            chair.assertAccessible("the meeting screen with attendance corrected");
        }

        // The minutes show both records of each correction: the corrections went through the domain's correction.
        JsonNode minutes = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get(site + "/api/public/meetings/" + meeting)),
                read -> attendanceOf(read, "Acme Networks") != null
                        && attendanceOf(read, "Acme Networks").path("changes").size() > 0
                        && attendanceOf(read, "University of Lisbon") != null
                        && attendanceOf(read, "University of Lisbon").path("changes").size() > 0);
        assertThat(attendanceOf(minutes, "Acme Networks").path("changes").get(0).path("mode").asText())
                .isEqualTo("REMOTE");
        assertThat(attendanceOf(minutes, "University of Lisbon").path("changes").toString())
                .contains("Ticked by mistake: not in the room.");
    }

    @Test
    void positionsGivenOnAnEarlierVersionAreMarked() throws Exception {
        String meeting = openMeeting("Room session: versions");
        String proposal = proposal(meeting, "Positions and versions");
        String path = "/api/proposals/" + proposal;
        post(path + "/support", chairToken, Map.of("organisationId", id("Privacy Now"), "meetingId", meeting));
        post(path + "/revisions", chairToken, Map.of("text", "The text, revised.", "meetingId", meeting));
        post(path + "/support", chairToken, Map.of("organisationId", id("Acme Networks"), "meetingId", meeting));
        try (Browser chair = new Browser()) {
            screen(chair, chairToken, meeting, "Positions and versions");
            chair.awaitText("#text-h", "version 2");
            assertThat(row(chair, "Privacy Now").getText()).contains("supports (on version 1)");
            assertThat(row(chair, "Acme Networks").getText()).contains("supports").doesNotContain("on version");
        }
    }

    @Test
    void atDesktopSizeTheRoomFitsOneScreenEverythingWorksByKeyboardAndAPhoneDoesNotScrollSideways()
            throws Exception {
        String meeting = openMeeting("Room session: the layout");
        String proposal = proposal(meeting, "Open data by default");
        String path = "/api/proposals/" + proposal;
        post(path + "/revisions", chairToken, Map.of("text", "Publish government data openly by default, in "
                + "machine-readable formats.\nPersonal data is never published.", "meetingId", meeting));
        post(path + "/support", chairToken, Map.of("organisationId", id("Privacy Now"), "meetingId", meeting));
        post(path + "/concerns", chairToken, Map.of("organisationId", id("Acme Networks"),
                                                    "text", "Costs of formats for small agencies.",
                                                    "meetingId", meeting));
        post(path + "/objections", chairToken, Map.of("organisationId", id("Ministry of Digital Affairs"),
                                                      "grounds", "Security-sensitive data must be excluded.",
                                                      "meetingId", meeting));
        String second = post(path + "/objections", chairToken, Map.of(
                "organisationId", id("University of Lisbon"), "grounds", "Research data has its own licences.",
                "meetingId", meeting)).path("id").asText();
        try (Browser chair = new Browser()) {
            screen(chair, chairToken, meeting, "Open data by default");
            chair.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", Browser.DESKTOP_WIDTH, "height", ROOM_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
            chair.script("window.scrollTo(0, 0)");
            chair.awaitText("#blocking", "2 objections without disposition");

            // The proposal, what blocks it and the members, without scrolling.
            @SuppressWarnings("unchecked")
            Map<String, Number> bottoms = (Map<String, Number>) chair.script(
                    "const bottoms = {};"
                            + "for (const id of ['proposal-title', 'blocking', 'proposal-text', 'members', "
                            + "'objections', 'declare-blocked']) {"
                            + "  bottoms[id] = document.getElementById(id).getBoundingClientRect().bottom; }"
                            + "return bottoms;");
            viewport(chair, "console-room-1280x800");
            assertThat(bottoms).allSatisfy((element, bottom) -> assertThat(bottom.doubleValue())
                    .as("the bottom of #%s at 1280 x 800", element).isLessThanOrEqualTo(ROOM_HEIGHT));
            assertThat(((Number) chair.script("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(Browser.DESKTOP_WIDTH);
            chair.assertAccessible("the meeting screen at 1280 x 800");

            // Dispositions by keyboard: D goes to the next objection without one, with a visible focus.
            keys(chair, "d");
            chair.await(d -> chair.script("return document.activeElement.type").equals("radio"));
            assertThat(chair.script("return getComputedStyle(document.activeElement).outlineStyle"))
                    .isEqualTo("solid");
            chair.driver.switchTo().activeElement().sendKeys("d");
            chair.await(d -> String.valueOf(chair.script("return document.activeElement.id"))
                    .startsWith("disposition-" + second));
            WebElement radio = chair.driver.switchTo().activeElement();
            assertThat(radio.getAttribute("value")).as("accommodation waits for a later version")
                                                   .isEqualTo("NOT_ACCOMMODATED");
            radio.sendKeys(Keys.SPACE, Keys.TAB);
            chair.driver.switchTo().activeElement().sendKeys("Licences are respected by the text as it is.",
                                                             Keys.chord(Keys.CONTROL, Keys.ENTER));
            chair.awaitText("#blocking", "1 objection without disposition");
            JsonNode disposed = StreamSupport.stream(commandState(path).path("objections").spliterator(), false)
                                             .filter(o -> o.path("objectionId").asText().equals(second))
                                             .findFirst().orElseThrow();
            assertThat(disposed.path("disposition").asText()).isEqualTo("NOT_ACCOMMODATED");

            chair.width(Browser.PHONE_WIDTH);
            chair.assertNoSidewaysScrolling("the meeting screen at 360 px");
            chair.assertAccessible("the meeting screen at 360 px");
            chair.screenshot("console-room-360");
            chair.width(Browser.DESKTOP_WIDTH);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A co-chair signed in with the token, on the meeting's screen with the proposal taken up. */
    private static void screen(Browser chair, String token, String meeting, String proposalTitle) {
        signIn(chair, token);
        chair.open(console + "/console/meetings/" + meeting);
        chair.await(d -> chair.findAll("#agenda button").stream()
                              .anyMatch(button -> button.getText().equals(proposalTitle)) || reload(chair));
        chair.clickText("#agenda button", proposalTitle);
        chair.awaitText("#proposal-title", proposalTitle);
    }

    /** The last action on the activity list is saved. */
    private static void awaitSaved(Browser chair) {
        chair.await(d -> "saved".equals(chair.find("#activity li:last-child").getAttribute("class"))
                && chair.findAll("#activity li.pending, #activity li.retrying").isEmpty());
    }

    /** What live.js does when another co-chair records something: the screen reads the state again. */
    private static void changedElsewhere(Browser chair) {
        chair.script("document.dispatchEvent(new CustomEvent('ledger:changed'))");
    }

    /** Answers the reason the console asks for a correction. */
    private static void answer(Browser chair, String reason) {
        Alert prompt = chair.await(d -> d.switchTo().alert());
        prompt.sendKeys(reason);
        prompt.accept();
    }

    private static WebElement attendanceItem(Browser chair, String organisation) {
        return chair.find("#attended-" + id(organisation)).findElement(By.xpath(".."));
    }

    private static JsonNode attendanceOf(JsonNode minutes, String organisation) {
        for (JsonNode attendance : minutes.path("meeting").path("attendance")) {
            if (attendance.path("organisationId").asText().equals(id(organisation))) {
                return attendance;
            }
        }
        return null;
    }

    /** What the window shows, as it shows it (not the whole page), into target/screenshots/{name}.png. */
    private static void viewport(Browser browser, String name) {
        Map<String, Object> shot = browser.driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        try {
            Path directory = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
