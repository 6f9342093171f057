package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.launcher.BrowserLedger.body;
import static org.consensusledger.launcher.BrowserLedger.get;
import static org.consensusledger.launcher.BrowserLedger.page;
import static org.consensusledger.launcher.BrowserLedger.site;

/**
 * The open-data page in Chromium, on the shared browser ledger: reached from the home page by its link, it lists
 * the exports and each body's feeds and calendar, and axe-core finds no violation on it (desktop and 360 px wide,
 * where it does not scroll sideways).
 */
class OpenDataBrowserIT {

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void theOpenDataPageIsReachedFromTheHomePageAndIsAccessible() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(get(site + "/open-data")).contains("Data Governance Plenary")
                                                          .contains("Last log position included"));
        try (Browser reader = new Browser()) {
            reader.open(site + "/");
            reader.click("header.site nav a[href='/open-data']");
            reader.awaitText("h1", "Open data");
            String shown = reader.text("main");
            assertThat(shown).contains("positions.csv").contains("popolo.json")
                             .contains("Calendar of Data Governance Plenary")
                             .contains("Meetings of Data Governance Plenary");
            assertThat(reader.find("a[href='/bodies/" + body + "/calendar.ics']").isDisplayed()).isTrue();
            page(reader, "site-open-data");
        }
    }
}
