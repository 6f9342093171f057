package org.consensusledger.launcher;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium, Debian's (packages chromium and chromium-driver), driven through WebDriver; no browser
 * is downloaded and Chromium's own background traffic (updates, sync, safe browsing) is off. Pages are checked with
 * axe-core, injected from the copy the build fetched from the npm registry, and photographed into
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    static final int DESKTOP_WIDTH = 1280;
    static final int PHONE_WIDTH = 360;

    final ChromeDriver driver;
    private final Path profile;

    Browser() throws IOException {
        assertThat(CHROMIUM).as("Chromium is needed for the browser tests: apt-get install chromium chromium-driver "
                                        + "(README, \"Running the tests\")").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is needed for the browser tests: apt-get install chromium-driver")
                                .isExecutable();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--disable-default-apps", "--disable-quic",
                             "--window-size=" + DESKTOP_WIDTH + ",900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                                                                       .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Clicks the element once it is shown and enabled; found again if the page re-drew it meanwhile (the console
     * re-draws after each saved action).
     */
    void click(String css) {
        await(d -> {
            WebElement element = find(css);
            if (!element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /**
     * Clicks the first element of {@code css} whose text is {@code text}, once it is shown and enabled; found again if
     * the page re-drew it meanwhile (a live screen re-draws its agenda as the record changes).
     */
    void clickText(String css, String text) {
        await(d -> {
            WebElement element = findAll(css).stream().filter(found -> found.getText().equals(text)).findFirst()
                                              .orElse(null);
            if (element == null || !element.isDisplayed() || !element.isEnabled()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    String text(String css) {
        return find(css).getText();
    }

    /** Waits (up to 30 s) for the condition to hold and returns its value. */
    <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(RuntimeException.class)
                                                                    .until(condition);
        } catch (TimeoutException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError("Waited in vain on " + driver.getCurrentUrl() + ", which shows:\n"
                                             + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    void awaitText(String css, String contained) {
        await(d -> d.findElement(By.cssSelector(css)).getText().contains(contained));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** axe-core's WCAG 2.x A and AA rules find nothing on the page as it is now. */
    void assertAccessible(String what) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe !== 'undefined'"))) {
            script(AxeScript.SOURCE);
        }
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                        + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                        + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));", WCAG_AA);
        assertThat((List<?>) violations).as("axe-core violations on %s (%s)", what, driver.getCurrentUrl()).isEmpty();
    }

    /** The whole page as a PNG in target/screenshots/{name}.png, at the width it is shown now. */
    void screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        write(name + ".png", Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Shows the page as a phone of 360 CSS pixels does, or back at desktop width. */
    /**
     * This browser hears nothing live from the command side (its stream of changes is blocked), as a co-chair's
     * screen on a slow network: what another co-chair records reaches it only when it reads the state again.
     */
    void withoutLiveUpdates() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/live")));
    }

    void width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", width == PHONE_WIDTH ? 780 : 900, "deviceScaleFactor", 1,
                "mobile", width == PHONE_WIDTH));
    }

    /** Nothing is wider than the screen: no sideways scrolling at this width. */
    void assertNoSidewaysScrolling(String what) {
        Number scrollWidth = (Number) script("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) script("return document.documentElement.clientWidth");
        assertThat(scrollWidth.intValue()).as("%s scrolls sideways at %s px", what, clientWidth)
                                          .isLessThanOrEqualTo(clientWidth.intValue());
    }

    /** The page printed to PDF (A4), as a browser's "Print" makes it, into target/screenshots/{name}.pdf. */
    byte[] print(String name) {
        Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
                                                                                     "paperHeight", 11.69));
        byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
        write(name + ".pdf", bytes);
        return bytes;
    }

    private static void write(String file, byte[] bytes) {
        try {
            Path directory = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
            Files.createDirectories(directory);
            Files.write(directory.resolve(file), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** axe-core's script, read once. */
    private static final class AxeScript {

        static final String SOURCE = read();

        private static String read() {
            Path script = Path.of(System.getProperty("axe.script", "target/axe-core/package/axe.min.js"));
            try {
                return Files.readString(script);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is fetched by the build (mvn verify) into " + script, e);
            }
        }
    }
}
