package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one ledger the browser tests share, as the README's one command runs it, behind a proxy that can drop answers:
 * a plenary of five members from four stakeholder groups with two co-chairs, set up through the command API; and the
 * helpers the tests drive it and the browsers with.
 */
final class BrowserLedger {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static LedgerProcess ledger;
    static DroppingProxy network;
    static String console;
    static String site;
    static String commandApi;
    static String secretariat;
    static final Map<String, String> ORGANISATIONS = new LinkedHashMap<>();
    static String body;
    static String chairToken;
    static String secondChairToken;

    private BrowserLedger() {
    }

    /**
     * Starts the ledger, with its body, members and two co-chairs, unless it runs already: every browser test class
     * in this JVM shares it (each test makes meetings and proposals of its own). It stops when the JVM ends.
     */
    static synchronized void start() throws Exception {
        if (ledger != null) {
            return;
        }
        Path directory = Files.createTempDirectory("browser-ledger");
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserLedger::stop, "browser-ledger-stop"));
        int commandPort = LedgerProcess.freePort();
        int queryPort = LedgerProcess.freePort();
        ledger = LedgerProcess.start(List.of("--data-dir", directory.resolve("data").toString(),
                                             "--mongodb-port", String.valueOf(LedgerProcess.freePort()),
                                             "--command-port", String.valueOf(commandPort),
                                             "--query-port", String.valueOf(queryPort),
                                             "--command-management-port", String.valueOf(LedgerProcess.freePort()),
                                             "--query-management-port", String.valueOf(LedgerProcess.freePort())),
                                     directory.resolve("ledger.log"));
        network = new DroppingProxy(commandPort);
        console = "http://localhost:" + network.port();
        commandApi = "http://localhost:" + commandPort;
        site = "http://localhost:" + queryPort;
        secretariat = ledger.firstToken();

        ORGANISATIONS.put("Ministry of Digital Affairs", "GOVERNMENT");
        ORGANISATIONS.put("Open Rights Group", "CIVIL_SOCIETY");
        ORGANISATIONS.put("Privacy Now", "CIVIL_SOCIETY");
        ORGANISATIONS.put("Acme Networks", "PRIVATE_SECTOR");
        ORGANISATIONS.put("University of Lisbon", "ACADEMIA");
        body = post("/api/bodies", secretariat, Map.of("name", "Data Governance Plenary", "kind", "PLENARY",
                                                        "mandate", "Recommend principles for data governance."))
                .path("id").asText();
        for (Map.Entry<String, String> organisation : ORGANISATIONS.entrySet()) {
            String id = post("/api/organisations", secretariat, Map.of("name", organisation.getKey(),
                                                                       "stakeholderGroup", organisation.getValue()))
                    .path("id").asText();
            organisation.setValue(id);
            post("/api/bodies/" + body + "/members", secretariat, Map.of("organisationId", id));
        }
        post("/api/bodies/" + body + "/co-chairs", secretariat, Map.of("organisationId", id("Open Rights Group")));
        post("/api/bodies/" + body + "/co-chairs", secretariat,
             Map.of("organisationId", id("Ministry of Digital Affairs")));
        chairToken = delegateToken("Open Rights Group");
        secondChairToken = delegateToken("Ministry of Digital Affairs");
    }

    private static void stop() {
        if (network != null) {
            try {
                network.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
        if (ledger != null) {
            try {
                ledger.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    // ---- the console, as a co-chair uses it -------------------------------------------------------------------------

    static void signIn(Browser browser, String token) {
        browser.open(console + "/console");
        browser.await(d -> d.getCurrentUrl().endsWith("/console/sign-in"));
        browser.assertAccessible("the console's sign-in");
        browser.screenshot("console-sign-in");
        browser.find("#token").sendKeys("not-a-token", Keys.ENTER);
        browser.awaitText("#sign-in-error", "unknown or has been revoked");
        browser.assertAccessible("the console's sign-in, refused");
        browser.find("#token").sendKeys(token, Keys.ENTER);
        browser.await(d -> d.getCurrentUrl().endsWith("/console"));
    }

    static void openMeetingScreen(Browser chair, String meeting, String proposalTitle) {
        signIn(chair, chairToken);
        chair.open(console + "/console/meetings/" + meeting);
        chair.await(d -> chair.findAll("#agenda button").stream()
                              .anyMatch(button -> button.getText().equals(proposalTitle)) || reload(chair));
        chair.clickText("#agenda button", proposalTitle);
        chair.awaitText("#proposal-title", proposalTitle);
    }

    static boolean reload(Browser browser) {
        browser.driver.navigate().refresh();
        return false;
    }

    /** Keys pressed on the page itself (not in a field), as the shortcuts listed on screen say. */
    static void keys(Browser browser, String... keys) {
        browser.script("document.activeElement && document.activeElement.blur()");
        Actions actions = new Actions(browser.driver);
        for (String key : keys) {
            actions.sendKeys(key);
        }
        actions.perform();
    }

    /** Ticks a member's attendance box and waits for the attendance to be saved (the box stays ticked). */
    static void tick(Browser chair, String organisation) {
        chair.click("#attended-" + id(organisation));
        chair.await(d -> chair.find("#attended-" + id(organisation)).isSelected()
                && d.findElement(By.xpath("//label[@for='attended-" + id(organisation) + "']/..")).getText()
                    .contains("saved"));
    }

    static WebElement row(Browser browser, String organisation) {
        return browser.find("#members tr[data-organisation='" + id(organisation) + "']");
    }

    static void dispose(Browser chair, String objector, String disposition, String version, String reasons) {
        WebElement form = chair.await(d -> chair.findAll("#objections li").stream()
                                                .filter(item -> item.getText().startsWith(objector))
                                                .findFirst().orElseThrow().findElement(By.cssSelector("form")));
        form.findElement(By.cssSelector("input[value='" + disposition + "']")).click();
        if (version != null) {
            WebElement number = form.findElement(By.cssSelector("input[type=number]"));
            number.clear();
            number.sendKeys(version);
        }
        if (reasons != null) {
            form.findElement(By.cssSelector("textarea")).sendKeys(reasons);
        }
        form.findElement(By.cssSelector("button[type=submit]")).click();
        chair.await(d -> chair.findAll("#objections li").stream()
                              .filter(item -> item.getText().startsWith(objector))
                              .anyMatch(item -> !item.findElements(By.cssSelector("p.disposition")).isEmpty()));
    }

    // ---- the public site ---------------------------------------------------------------------------------------------

    /** A site page: accessible, photographed at desktop and phone width, and not scrolling sideways on a phone. */
    static void page(Browser reader, String name) {
        reader.assertAccessible(name);
        reader.screenshot(name + "-desktop");
        reader.width(Browser.PHONE_WIDTH);
        reader.assertNoSidewaysScrolling(name);
        reader.screenshot(name + "-360");
        reader.width(Browser.DESKTOP_WIDTH);
    }

    /** The dossier prints: a PDF comes out, and the print leaves out what only works on screen. */
    static void assertPrintable(Browser reader) {
        byte[] pdf = reader.print("site-dossier-print");
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        reader.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertThat(reader.find("footer.site").isDisplayed()).as("the footer is left out of the print").isFalse();
        assertThat(reader.find("main").getText()).contains("Data minimisation principle");
        reader.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }

    // ---- set-up through the command API ------------------------------------------------------------------------------

    static String id(String organisation) {
        return ORGANISATIONS.get(organisation);
    }

    static String delegateToken(String organisation) throws Exception {
        return post("/api/accounts", secretariat, Map.of("kind", "DELEGATE", "organisationId", id(organisation),
                                                         "label", "co-chair of " + organisation))
                .path("token").asText();
    }

    static String meeting(String title) throws Exception {
        return post("/api/meetings", chairToken, Map.of("bodyId", body, "title", title,
                                                        "startsAt", "2026-12-01T09:00:00Z", "format", "VIRTUAL"))
                .path("id").asText();
    }

    /** A meeting opened with every member recorded as attending (positions in a meeting need it). */
    static String openMeeting(String title) throws Exception {
        String meeting = meeting(title);
        post("/api/meetings/" + meeting + "/opening", chairToken, Map.of());
        for (String member : ORGANISATIONS.values()) {
            post("/api/meetings/" + meeting + "/attendance", chairToken,
                 Map.of("organisationId", member, "mode", "IN_PERSON"));
        }
        return meeting;
    }

    static String proposal(String meeting, String title) throws Exception {
        return post("/api/proposals", chairToken, Map.of("bodyId", body, "proposedBy", id("Privacy Now"),
                                                         "title", title, "text", "The text of " + title + ".",
                                                         "meetingId", meeting))
                .path("id").asText();
    }

    /** The id of the body's proposal with this title, once the agenda lists it. */
    static String proposalTitled(String title) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode item : send("GET", "/api/bodies/" + body + "/proposals", chairToken, null)) {
                if (item.path("title").asText().equals(title)) {
                    return item.path("proposalId").asText();
                }
            }
            return null;
        }, id -> id != null);
    }

    static JsonNode commandState(String path) throws Exception {
        return send("GET", path, chairToken, null);
    }

    static JsonNode post(String path, String token, Object body) throws Exception {
        return send("POST", path, token, JSON.writeValueAsString(body));
    }

    static JsonNode send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandApi + path))
                                                 .header("Authorization", "Bearer " + token)
                                                 .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** The status the command API answers, for a request it is expected to refuse. */
    static int statusOf(String method, String path, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(commandApi + path))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                         HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                   .statusCode();
    }

    static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
