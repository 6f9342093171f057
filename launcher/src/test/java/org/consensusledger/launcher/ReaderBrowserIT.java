package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The public record as a journalist reads it, in Chromium: from the home page, by following links only, who objected
 * to a decided proposal and why the objection was set aside; the dossier, with a correction and a long revision, on a
 * phone 360 pixels wide without sideways scrolling; axe-core on the dossier with its word diff and on the timeline.
 */
class ReaderBrowserIT {

    private static final String TITLE = "Open access to court records";
    private static final String FIRST = """
            Court judgments are published within thirty days, at https://records.example.org/judgments/published/\
            by-court/by-year/by-chamber/full-text-with-annexes-and-dissenting-opinions.
            Names of parties are published.
            Hearings are announced a week ahead.""";
    private static final String SECOND = """
            Court judgments are published within fourteen days, at https://records.example.org/judgments/published/\
            by-court/by-year/by-chamber/full-text-with-annexes-and-dissenting-opinions.
            Names of parties who are private persons are pseudonymised before publication; \
            Datenschutzfolgenabschätzungsverpflichtungen apply to every register.
            Hearings are announced a week ahead, with their agenda.""";

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void aReaderFindsFromTheHomePageWhoObjectedAndWhyTheObjectionWasSetAsideByFollowingLinks() throws Exception {
        String meeting = openMeeting("Transparency session");
        String proposal = post("/api/proposals", chairToken, Map.of(
                "bodyId", body, "proposedBy", id("Privacy Now"), "title", TITLE, "text", FIRST,
                "meetingId", meeting)).path("id").asText();
        String p = "/api/proposals/" + proposal;
        String ministry = post(p + "/objections", chairToken, Map.of(
                "organisationId", id("Ministry of Digital Affairs"),
                "grounds", "Publishing the names of parties exposes victims.", "meetingId", meeting))
                .path("id").asText();
        String acme = post(p + "/objections", chairToken, Map.of(
                "organisationId", id("Acme Networks"), "grounds", "Thirty days is too slow for the press.",
                "meetingId", meeting)).path("id").asText();
        post(p + "/revisions", chairToken, Map.of("text", SECOND, "summary", "Pseudonyms; fourteen days",
                                                  "meetingId", meeting));
        post(p + "/objections/" + acme + "/disposition", chairToken, Map.of(
                "disposition", "ACCOMMODATED", "accommodatingVersion", 2, "meetingId", meeting));
        post(p + "/objections/" + ministry + "/disposition", chairToken, Map.of(
                "disposition", "NOT_ACCOMMODATED",
                "reasons", "Pseudonyms protect private persons; officials act in public and stay named.",
                "meetingId", meeting));
        post(p + "/support", chairToken, Map.of("organisationId", id("University of Lisbon"), "meetingId", meeting));
        post(p + "/outcome", secondChairToken, Map.of(
                "outcome", "ROUGH_CONSENSUS", "rationale", "Every objection was addressed; one stands as dissent.",
                "meetingId", meeting));
        // The ministry's objection was recorded with the wrong grounds: corrected, not changed.
        post("/api/corrections", secretariat, Map.of(
                "aggregateId", proposal, "sequenceNumber", 1,
                "whatIsWrong", "The grounds were noted from the wrong speaker's notes at "
                        + "https://minutes.example.org/sessions/transparency/2026/12/drafts/unreviewed-notes.",
                "correction", "The ministry said that publishing the names of parties exposes victims."));
        await().atMost(Duration.ofSeconds(30)).until(
                () -> get(site + "/proposals/" + proposal).contains("Correction of the step"));

        try (Browser reader = new Browser()) {
            reader.open(site + "/");
            reader.driver.findElement(By.linkText(TITLE)).click();
            reader.await(d -> d.getCurrentUrl().endsWith("/proposals/" + proposal));

            // "How this was decided" comes first, before the "view as of" form.
            WebElement how = reader.find("section.how");
            assertThat(how.getLocation().getY()).isLessThan(reader.find("div.as-of-forms").getLocation().getY());
            String told = how.getText();
            assertThat(told).contains("Decided: rough consensus.")
                            .contains("Ministry of Digital Affairs declared rough consensus on version 2")
                            .contains("In the meeting Transparency session.")
                            .contains("Ministry of Digital Affairs (Government) objected to version 1:")
                            .contains("Publishing the names of parties exposes victims.")
                            .contains("Not accommodated: Open Rights Group set it aside, for these reasons:")
                            .contains("Pseudonyms protect private persons; officials act in public and stay named.")
                            .contains("Accommodated: Open Rights Group recorded that version 2 accommodates it.")
                            .contains("No appeal has been lodged.");
            assertThat(how.findElements(By.cssSelector("a[href^='/organisations/']")))
                    .extracting(WebElement::getText).contains("Ministry of Digital Affairs", "Open Rights Group");
            assertThat(told).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}");

            // The version decided is one link away, and so is the meeting's record.
            how.findElement(By.linkText("version 2")).click();
            reader.await(d -> d.getCurrentUrl().endsWith("#version-2"));
            List<WebElement> added = reader.findAll("#version-2 p.diff ins");
            assertThat(added).extracting(WebElement::getText).anyMatch(words -> words.contains("fourteen"));
            assertThat(reader.findAll("#version-2 p.diff del")).extracting(WebElement::getText)
                                                              .anyMatch(words -> words.contains("thirty"));
            page(reader, "site-dossier-reader");
            reader.width(Browser.PHONE_WIDTH);
            assertThat(((Number) reader.script("return document.documentElement.scrollWidth")).intValue())
                    .as("the dossier with a correction and a long diff at 360 px").isLessThanOrEqualTo(360);
            reader.width(Browser.DESKTOP_WIDTH);

            reader.driver.findElement(By.partialLinkText("Every event of this proposal")).click();
            reader.await(d -> d.getCurrentUrl().endsWith("/proposals/" + proposal + "/timeline"));
            String timeline = reader.text("main");
            assertThat(timeline).contains("Objection raised").contains("Ministry of Digital Affairs")
                                .contains("Transparency session").contains("Correction of the step")
                                .doesNotContain("org.consensusledger")
                                .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}");
            page(reader, "site-timeline-reader");
        }
    }
}
