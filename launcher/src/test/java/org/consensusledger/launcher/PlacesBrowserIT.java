package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The places of the public record in a real browser, on the shared ledger: a meeting's minutes by agenda item, the
 * search with its filters shown and removed by following a link, an organisation's page, and a body with a request
 * waiting; axe-core finds nothing on any of them, and none scrolls sideways on a phone.
 */
class PlacesBrowserIT {

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void theMinutesTheSearchWithItsFiltersAnOrganisationAndABodyReadInWordsAndPassAxe() throws Exception {
        String meeting = openMeeting("Registries session");
        proposal(meeting, "Registry fees");
        String registries = proposal(meeting, "Open company registries");
        post("/api/meetings/" + meeting + "/agenda", chairToken, Map.of("proposalIds", List.of(registries)));
        String objection = post("/api/proposals/" + registries + "/objections", chairToken, Map.of(
                "organisationId", id("Acme Networks"), "grounds", "Trade secrets of small firms exposed",
                "meetingId", meeting)).path("id").asText();
        post("/api/proposals/" + registries + "/objections/" + objection + "/disposition", secondChairToken, Map.of(
                "disposition", "NOT_ACCOMMODATED", "reasons", "Only what company law already makes public is shown.",
                "meetingId", meeting));
        post("/api/meetings/" + meeting + "/closing", chairToken, Map.of());
        // A member proposes a government that a co-chair has not admitted yet.
        String agency = post("/api/organisations", secretariat, Map.of("name", "Registry Agency",
                                                                       "stakeholderGroup", "GOVERNMENT"))
                .path("id").asText();
        post("/api/bodies/" + body + "/members", delegateToken("Acme Networks"), Map.of("organisationId", agency));

        try (Browser reader = new Browser()) {
            reader.open(site + "/meetings/" + meeting);
            reader.await(d -> d.getPageSource().contains("Other business")
                    && !d.findElements(By.cssSelector("a[href^='/audit/proofs/']")).isEmpty() || reload(reader));
            assertThat(reader.find("#item-1").getText()).contains("Open company registries");
            String minutes = reader.find("section[aria-labelledby=minutes]").getText();
            assertThat(minutes.indexOf("Registry fees")).isGreaterThan(minutes.indexOf("Other business"))
                                                       .isGreaterThan(minutes.indexOf("Open company registries"));
            assertThat(reader.findAll("ol.minutes li a.proposal")).isNotEmpty().allSatisfy(
                    link -> assertThat(link.getText()).isIn("Open company registries", "Registry fees"));
            assertThat(reader.find("ul.held").getText()).contains("Opened", "Closed");
            page(reader, "site-places-minutes");

            reader.open(site + "/proposals?q=" + URLEncoder.encode("acme networks", StandardCharsets.UTF_8)
                                + "&status=OPEN&body=" + body);
            reader.await(d -> d.findElement(By.id("results")).getText().contains("found"));
            assertThat(reader.find("main").getText()).contains("Open company registries");
            assertThat(reader.find("ul.filters").getText()).contains("Words", "“acme networks”", "Status", "open",
                                                                     "Body", "Data Governance Plenary");
            page(reader, "site-places-search-filters");
            reader.driver.findElement(By.linkText("remove this filter (Status)")).click();
            reader.await(d -> !d.getCurrentUrl().contains("status="));
            assertThat(reader.find("ul.filters").getText()).doesNotContain("Status");

            reader.open(site + "/organisations/" + id("Acme Networks"));
            reader.await(d -> d.getPageSource().contains("Trade secrets of small firms exposed") || reload(reader));
            assertThat(reader.find("h1").getText()).isEqualTo("Acme Networks");
            assertThat(reader.find("main").getText()).contains("Not accommodated", "Data Governance Plenary");
            page(reader, "site-places-organisation");
            reader.driver.findElement(By.linkText("Open company registries")).click();
            reader.await(d -> d.getCurrentUrl().endsWith("/proposals/" + registries));

            reader.open(site + "/bodies/" + body);
            reader.await(d -> d.getPageSource().contains("Registry Agency") || reload(reader));
            assertThat(reader.find("#requests").getText()).contains("Waiting to be admitted (1)");
            page(reader, "site-places-body");
        }
    }
}
