package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * The site and the console in French and Spanish, chosen with the language switch in the header (a link, no
 * script) and remembered from page to page; and a page written right to left, as a translator's bundle with
 * {@code language.direction=rtl} makes it (the packed applications ship none, so the test sets the direction the
 * bundle would; query-side's LanguagesPagesTest shows a bundle alone doing so), keeping its layout on a phone with
 * its header mirrored.
 */
class LanguagesBrowserIT {

    /** An English month as a date shows it: none may show on a page in another language. */
    private static final Pattern ENGLISH_MONTH =
            Pattern.compile("\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\b");

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void aReaderSwitchesTheSiteToFrenchThenToSpanish() throws Exception {
        String title = "Séance " + System.nanoTime() % 100_000;
        String meeting = meeting(title);
        try (Browser reader = new Browser()) {
            reader.open(site + "/bodies/" + body);
            reader.await(d -> reader.text("main").contains(title) || reload(reader));
            assertThat(language(reader)).isEqualTo("en");

            reader.click("nav.languages a[lang='fr']");
            reader.await(d -> "fr".equals(language(reader)));
            assertThat(reader.text("main")).contains("Membres", "Réunions", "coprésident", title);
            assertThat(reader.find("nav.languages a[aria-current='true']").getText()).isEqualTo("Français");
            assertDatesNotInEnglish(reader);
            page(reader, "site-body-fr");

            reader.open(site + "/meetings/" + meeting);
            reader.await(d -> reader.text("main").contains(title) || reload(reader));
            assertThat(language(reader)).as("the choice is remembered").isEqualTo("fr");
            assertThat(reader.text("main")).contains("prévue", "Ordre du jour");
            assertDatesNotInEnglish(reader);
            reader.assertAccessible("the minutes in French");

            reader.click("nav.languages a[lang='es']");
            reader.await(d -> "es".equals(language(reader)));
            assertThat(reader.driver.getCurrentUrl()).endsWith("/meetings/" + meeting + "?lang=es");
            assertThat(reader.text("main")).contains("prevista", "Orden del día");
            assertDatesNotInEnglish(reader);
            page(reader, "site-minutes-es");

            reader.open(site + "/");
            assertThat(reader.text("h1")).isEqualTo("Las decisiones y cómo se tomaron");
            reader.assertAccessible("the home page in Spanish");
        }
    }

    @Test
    void aPageWrittenRightToLeftKeepsItsLayoutWithItsHeaderMirrored() throws Exception {
        try (Browser reader = new Browser()) {
            reader.open(site + "/bodies/" + body + "?lang=fr");
            assertThat(startOfName(reader, "header.site .name")).as("left to right: the name at the left")
                                                                .isLessThan(40);
            reader.script("document.documentElement.dir = 'rtl'");
            assertThat(endOfName(reader, "header.site .name")).as("right to left: the name at the right")
                                                              .isLessThan(40);
            reader.assertAccessible("the body page, right to left");
            reader.width(Browser.PHONE_WIDTH);
            reader.script("document.documentElement.dir = 'rtl'");
            reader.assertNoSidewaysScrolling("the body page, right to left");
            assertThat(endOfName(reader, "header.site .name")).isLessThan(40);
            reader.screenshot("site-body-rtl-360");
            reader.width(Browser.DESKTOP_WIDTH);

            reader.open(console + "/console/sign-in");
            reader.script("document.documentElement.dir = 'rtl'");
            assertThat(endOfName(reader, "header.console .name")).isLessThan(40);
            reader.width(Browser.PHONE_WIDTH);
            reader.script("document.documentElement.dir = 'rtl'");
            reader.assertNoSidewaysScrolling("the console's sign-in, right to left");
            reader.width(Browser.DESKTOP_WIDTH);
        }
    }

    @Test
    void aCoChairChoosesSpanishBeforeSigningInAndKeepsIt() throws Exception {
        meeting("Sesión " + System.nanoTime() % 100_000);
        try (Browser chair = new Browser()) {
            chair.open(console + "/console/sign-in");
            chair.click("nav.languages a[lang='es']");
            chair.await(d -> "es".equals(language(chair)));
            assertThat(chair.text("h1")).isEqualTo("Iniciar sesión");
            chair.assertAccessible("the console's sign-in in Spanish");

            chair.find("#token").sendKeys(chairToken, Keys.ENTER);
            chair.await(d -> d.getCurrentUrl().endsWith("/console"));
            assertThat(language(chair)).isEqualTo("es");
            assertThat(chair.text("header")).contains("Sesión iniciada en nombre de", "Cerrar sesión");

            chair.open(console + "/console/bodies/" + body + "/meetings");
            chair.await(d -> chair.text("main").contains("1 dic 2026 09:00 UTC") || reload(chair));
            assertThat(chair.text("h1")).isEqualTo("Reuniones de Data Governance Plenary");
            chair.assertAccessible("the meetings screen in Spanish");
        }
    }

    private static String language(Browser browser) {
        return (String) browser.script("return document.documentElement.lang");
    }

    private static void assertDatesNotInEnglish(Browser reader) {
        for (WebElement time : reader.findAll("main time")) {
            assertThat(time.getText()).as("a date on a page in %s", language(reader)).doesNotContainPattern(
                    ENGLISH_MONTH);
        }
    }

    /** How far the element's left edge is from the page's. */
    private static long startOfName(Browser browser, String css) {
        Map<?, ?> edges = edges(browser, css);
        return Math.round(((Number) edges.get("left")).doubleValue());
    }

    /** How far the element's right edge is from the page's. */
    private static long endOfName(Browser browser, String css) {
        Map<?, ?> edges = edges(browser, css);
        return Math.round(((Number) edges.get("width")).doubleValue() - ((Number) edges.get("right")).doubleValue());
    }

    private static Map<?, ?> edges(Browser browser, String css) {
        return (Map<?, ?>) browser.script("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                                                  + "return {left: r.left, right: r.right,"
                                                  + " width: document.documentElement.clientWidth};", css);
    }
}
