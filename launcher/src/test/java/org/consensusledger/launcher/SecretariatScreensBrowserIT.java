package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The chairing and secretariat screens in a real browser, on the shared ledger: the secretariat sets up a body from
 * nothing (organisations, a plenary and its working group, members, co-chairs, a delegate account whose token is
 * shown once), then a co-chair signs in with that token, schedules a meeting, submits a proposal, builds the agenda,
 * opens the meeting and records on the meeting screen, calls for consensus and corrects a record. Everything is done
 * in the browser; the test reads the ledger's state only to check. Each new screen is checked with axe-core and
 * photographed at 1280 and 360 px wide (target/screenshots/screens-*), where nothing may scroll sideways.
 */
class SecretariatScreensBrowserIT {

    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Ministry of Open Government", "GOVERNMENT");
        GROUPS.put("Citizens Data Alliance", "CIVIL_SOCIETY");
        GROUPS.put("Northwind Cloud", "PRIVATE_SECTOR");
        GROUPS.put("Institute of Commons Research", "ACADEMIA");
    }

    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void theSecretariatSetsUpABodyFromNothingAndACoChairRunsItsFirstMeeting() throws Exception {
        String token;
        String group;
        try (Browser office = new Browser()) {
            signIn(office, secretariat);
            office.awaitText("main", "What the secretariat does here");
            screen(office, "screens-secretariat-landing");

            office.click("nav a[href='/console/organisations']");
            office.awaitText("h1", "Organisations");
            // The first answer is lost on the way back: the screen sends the same request again, recorded once.
            network.dropTheAnswerToTheNext("POST /api/organisations ");
            for (Map.Entry<String, String> organisation : GROUPS.entrySet()) {
                register(office, organisation.getKey(), organisation.getValue());
            }
            assertThat(network.dropped()).as("the first answer was lost").isEqualTo(1);
            assertThat(network.requests()).as("the screen sent it again").isGreaterThanOrEqualTo(GROUPS.size() + 1);
            assertThat(office.findAll("#organisation-list li").stream()
                             .filter(item -> item.getText().startsWith("Ministry of Open Government")))
                    .as("registered once").hasSize(1);
            screen(office, "screens-organisations");
            refusedInWords(office);

            office.click("nav a[href='/console/establish']");
            establish(office, "Open Data Plenary", null, "Agree the principles of open government data.");
            group = establish(office, "Open Data Working Group", "Open Data Plenary",
                              "Draft the open data principles.");
            office.awaitText("h1", "Members and co-chairs of Open Data Working Group");
            office.open(console + "/console/establish");
            office.awaitText("#body-tree", "Open Data Working Group");
            screen(office, "screens-establish");

            office.open(console + "/console/bodies/" + group + "/membership");
            for (String organisation : GROUPS.keySet()) {
                admit(office, organisation);
            }
            appoint(office, "Ministry of Open Government");
            appoint(office, "Citizens Data Alliance");
            screen(office, "screens-membership");
            JsonNode body = commandState("/api/bodies/" + group);
            assertThat(body.path("members").findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(
                    GROUPS.keySet());
            assertThat(body.path("members").findValues("coChair").stream().filter(JsonNode::asBoolean)).hasSize(2);

            token = createDelegateAccount(office, "Citizens Data Alliance", "Alliance delegate, co-chair");
        }

        try (Browser chair = new Browser()) {
            signIn(chair, token);
            chair.awaitText("main", "Open Data Working Group");
            assertThat(chair.text("main")).doesNotContain("What the secretariat does here");
            chair.click("a[aria-label='Meetings: Open Data Working Group']");
            chair.awaitText("h1", "Meetings of Open Data Working Group");

            // A meeting in person needs a place: the ledger's refusal is shown in words next to the button.
            chair.find("#meeting-title").sendKeys("First session");
            chair.script("arguments[0].value = arguments[1]", chair.find("#meeting-start"), "2026-12-03T09:30");
            new Select(chair.find("#meeting-format")).selectByValue("IN_PERSON");
            chair.click("#schedule-meeting button[type=submit]");
            chair.awaitText("#schedule-meeting .result.rejected", "location");
            chair.assertAccessible("the meetings screen with a refusal");
            new Select(chair.find("#meeting-format")).selectByValue("VIRTUAL");
            chair.click("#schedule-meeting button[type=submit]");
            chair.awaitText("#meeting-list", "First session");
            String meeting = dataId(chair, "#meeting-list li", "First session");
            screen(chair, "screens-meetings");

            chair.click(".body-nav a[href$='/proposals']");
            chair.awaitText("h1", "Proposals before Open Data Working Group");
            new Select(chair.find("#proposal-by")).selectByVisibleText("Northwind Cloud");
            chair.find("#proposal-title").sendKeys("Open formats principle");
            chair.find("#proposal-text").sendKeys("Data the ledger publishes is published in open formats.");
            chair.click("#submit-proposal button[type=submit]");
            chair.awaitText("#proposal-list", "Open formats principle");
            String proposal = dataId(chair, "#proposal-list li", "Open formats principle");
            screen(chair, "screens-proposals");

            chair.open(console + "/console/bodies/" + group + "/meetings");
            chair.click("a[aria-label='Agenda: First session']");
            chair.awaitText("h1", "Agenda of First session");
            chair.click("#agenda-" + proposal);
            chair.click("#set-agenda button[type=submit]");
            chair.awaitText("#set-agenda .result", "saved");
            assertThat(commandState("/api/meetings/" + meeting).path("agenda").get(0).asText()).isEqualTo(proposal);
            screen(chair, "screens-agenda");

            chair.open(console + "/console/bodies/" + group + "/meetings");
            chair.click("button[aria-label='Open: First session']");
            chair.await(d -> !chair.findAll("button[aria-label='Close: First session']").isEmpty());
            chair.click("a[aria-label='Meeting screen: First session']");
            chair.await(d -> chair.find("#close-meeting").isDisplayed());
            chair.click("#attended-" + ids.get("Northwind Cloud"));
            chair.await(d -> d.findElement(By.xpath("//label[@for='attended-" + ids.get("Northwind Cloud") + "']/.."))
                              .getText().contains("saved"));
            chair.clickText("#agenda button", "Open formats principle");
            chair.awaitText("#proposal-title", "Open formats principle");
            chair.click("button[aria-label='Support from Northwind Cloud']");
            chair.await(d -> chair.find("#members tr[data-organisation='" + ids.get("Northwind Cloud") + "']")
                                  .getText().contains("supports"));
            assertThat(commandState("/api/proposals/" + proposal).path("positions").path(ids.get("Northwind Cloud"))
                                                                 .asText()).isEqualTo("SUPPORT");

            chair.open(console + "/console/proposals/" + proposal);
            chair.awaitText("h1", "Open formats principle");
            screen(chair, "screens-proposal");
            chair.click("#open-call button[type=submit]");
            chair.awaitText("#proposal-status", "consensus call open");
            chair.find("#end-reasons").sendKeys("Every member has spoken; no need to wait.");
            chair.click("#end-call button[type=submit]");
            chair.await(d -> chair.text("#proposal-status").equals("open"));
            assertThat(commandState("/api/proposals/" + proposal).path("status").asText()).isEqualTo("OPEN");

            chair.click("a[href='/console/records/" + proposal + "']");
            chair.awaitText("h1", "The record of Open formats principle");
            new Select(chair.find("#correct-event")).selectByValue("0");
            chair.find("#correct-wrong").sendKeys("The title says principle; it is a recommendation.");
            chair.find("#correct-right").sendKeys("Open formats recommendation");
            chair.click("#correct button[type=submit]");
            chair.awaitText("#correct .result", "saved");
            screen(chair, "screens-record");

            chair.open(console + "/console/accounts");
            chair.awaitText("main", "Only the secretariat uses this screen");
            screen(chair, "screens-forbidden");
        }
    }

    // ---- the secretariat's steps -----------------------------------------------------------------------------------

    private void register(Browser office, String name, String group) {
        office.find("#organisation-name").sendKeys(name);
        new Select(office.find("#organisation-group")).selectByValue(group);
        office.click("#register-organisation button[type=submit]");
        office.await(d -> office.findAll("#organisation-list li").stream()
                                .anyMatch(item -> item.getText().startsWith(name)));
        ids.put(name, dataId(office, "#organisation-list li", name));
    }

    /** A form left incomplete is not sent; one the ledger refuses says why, in its words. */
    private static void refusedInWords(Browser office) {
        office.find("#organisation-name").sendKeys("Lowercase Country Org");
        new Select(office.find("#organisation-group")).selectByValue("ACADEMIA");
        office.script("arguments[0].removeAttribute('pattern'); arguments[0].value = 'pt'",
                      office.find("#organisation-country"));
        office.click("#register-organisation button[type=submit]");
        office.awaitText("#register-organisation .result.rejected", "Country");
        assertThat(office.find("#organisation-country").getAttribute("aria-invalid")).isEqualTo("true");
        office.assertAccessible("the organisations screen with a refusal");
        office.find("#organisation-name").clear();
        office.find("#organisation-country").clear();
    }

    /** Establishes a body (a working group when a plenary is named) and returns its id, from the page it leads to. */
    private static String establish(Browser office, String name, String plenary, String mandate) {
        office.open(console + "/console/establish");
        office.find("#body-name").sendKeys(name);
        if (plenary != null) {
            office.click("input[name=kind][value=WORKING_GROUP]");
            office.await(d -> office.find("#body-plenary").isDisplayed());
            new Select(office.find("#body-plenary")).selectByVisibleText(plenary);
        }
        office.find("#body-mandate").sendKeys(mandate);
        office.click("#establish-body button[type=submit]");
        office.await(d -> d.getCurrentUrl().endsWith("/membership"));
        office.awaitText("h1", name);
        String url = office.driver.getCurrentUrl();
        return url.substring(url.indexOf("/bodies/") + "/bodies/".length(), url.lastIndexOf("/membership"));
    }

    private static void admit(Browser office, String organisation) {
        office.await(d -> new Select(office.find("#admit-organisation")).getOptions().stream()
                                                                         .anyMatch(o -> o.getText()
                                                                                         .startsWith(organisation)));
        Select select = new Select(office.find("#admit-organisation"));
        select.getOptions().stream().filter(option -> option.getText().startsWith(organisation)).findFirst()
              .orElseThrow().click();
        office.click("#admit-member button[type=submit]");
        office.await(d -> office.findAll("#members li").stream()
                                .anyMatch(item -> item.getText().startsWith(organisation)));
    }

    private static void appoint(Browser office, String organisation) {
        office.click("button[aria-label='Appoint co-chair: " + organisation + "']");
        office.await(d -> office.findAll("button[aria-label='Appoint co-chair: " + organisation + "']").isEmpty()
                && !office.findAll("summary[aria-label='Relieve as co-chair: " + organisation + "']").isEmpty());
    }

    /**
     * Creates a delegate account, renews its token, and returns the renewed token, read from the screen that shows it
     * once.
     */
    private static String createDelegateAccount(Browser office, String organisation, String label) {
        office.click("nav a[href='/console/accounts']");
        office.awaitText("h1", "Accounts");
        office.click("input[name=kind][value=SECRETARIAT]");
        office.await(d -> !office.find("#account-organisation").isDisplayed());
        office.click("input[name=kind][value=DELEGATE]");
        new Select(office.find("#account-organisation")).selectByVisibleText(organisation);
        office.find("#account-label").sendKeys(label);
        office.click("#create-account button[type=submit]");
        WebElement box = office.await(d -> {
            WebElement shown = office.find("[data-token]");
            return shown.isDisplayed() ? shown : null;
        });
        assertThat(box.getText()).contains("shown now and never again");
        String token = office.find("#new-token").getAttribute("value");
        assertThat(token).startsWith("clt_");
        office.awaitText("#account-list", label);
        screen(office, "screens-accounts-token");

        office.click("[data-token-done]");
        office.await(d -> !office.find("[data-token]").isDisplayed());
        assertThat(office.find("#new-token").getAttribute("value")).isEmpty();
        office.driver.navigate().refresh();
        office.awaitText("#account-list", label);
        assertThat(office.driver.getPageSource()).as("shown once: never again").doesNotContain(token);
        screen(office, "screens-accounts");

        // Renewed (after a confirmation): the new token is shown once above the list, naming whose it is and when the
        // old one stops working; the co-chair signs in with the new one.
        assertThat(office.text("#account-list")).contains("token expires");
        office.click("button[aria-label='Renew the token of " + label + "']");
        office.driver.switchTo().alert().accept();
        WebElement renewed = office.await(d -> {
            WebElement shown = office.find("#renewed-token");
            return shown.isDisplayed() && !office.find("#renewed-token-value").getAttribute("value").isEmpty()
                   ? shown : null;
        });
        String fresh = office.find("#renewed-token-value").getAttribute("value");
        assertThat(fresh).startsWith("clt_").isNotEqualTo(token);
        assertThat(renewed.getText()).contains(label).contains("shown now and never again")
                                     .contains("The old token stops working");
        screen(office, "screens-accounts-renewed");
        office.click("#renewed-token [data-token-done]");
        office.await(d -> !office.find("#renewed-token").isDisplayed());
        assertThat(office.find("#renewed-token-value").getAttribute("value")).isEmpty();
        return fresh;
    }

    // ---- checks ----------------------------------------------------------------------------------------------------

    private static String dataId(Browser browser, String items, String startingWith) {
        return browser.findAll(items).stream().filter(item -> item.getText().startsWith(startingWith)).findFirst()
                      .orElseThrow().getAttribute("data-id");
    }

    /** A new screen: axe-core finds nothing; photographed at 1280 × 800 and at 360 px, not scrolling sideways. */
    private static void screen(Browser browser, String name) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", Browser.DESKTOP_WIDTH, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        browser.assertAccessible(name);
        browser.screenshot(name + "-1280");
        browser.width(Browser.PHONE_WIDTH);
        browser.assertNoSidewaysScrolling(name);
        browser.assertAccessible(name + " at 360 px");
        browser.screenshot(name + "-360");
        browser.width(Browser.DESKTOP_WIDTH);
    }
}
