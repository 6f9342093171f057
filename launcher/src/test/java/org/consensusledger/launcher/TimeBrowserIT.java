package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.launcher.BrowserLedger.*;

/**
 * Times on the public site in a real browser: a reader switches the time zone in the header, the times change, and
 * stay changed on the next page (the cookie, no script); "view as of" takes a date in the reader's zone. axe-core
 * checks a page with the zone switch and the "view as of" form.
 */
class TimeBrowserIT {

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void aReaderSwitchesTheTimeZoneAndTheTimesFollowFromPageToPage() throws Exception {
        String meeting = meeting("Time zone session");
        try (Browser reader = new Browser()) {
            reader.open(site + "/bodies/" + body);
            reader.await(d -> !d.findElements(By.linkText("Time zone session")).isEmpty() || reload(reader));
            assertThat(meetingLine(reader)).contains("December 1, 2026, 9:00 AM UTC");
            page(reader, "site-body-with-zone-switch");

            WebElement zone = reader.find("#tz");
            zone.clear();
            zone.sendKeys("Asia/Tokyo");
            reader.click("form.zone-switch button[type=submit]");
            reader.await(d -> meetingLine(reader).contains("December 1, 2026, 6:00 PM JST (9:00 AM UTC)"));
            assertThat(reader.driver.getCurrentUrl()).contains("tz=Asia%2FTokyo");
            assertThat(reader.find("#tz").getAttribute("value")).isEqualTo("Asia/Tokyo");

            // The next page, reached by a link without the parameter, is still in Tokyo's time: the cookie.
            reader.driver.findElement(By.linkText("Time zone session")).click();
            reader.await(d -> d.getCurrentUrl().endsWith("/meetings/" + meeting));
            assertThat(reader.text("main")).contains("December 1, 2026, 6:00 PM JST (9:00 AM UTC)");
            reader.assertAccessible("a meeting's minutes in the reader's time zone");

            // "View as of" a date: the end of that day in Tokyo, the body as it stood then.
            reader.open(site + "/bodies/" + body);
            String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
            reader.find("#asOf").sendKeys(today);
            reader.click("form.as-of-form button[type=submit]");
            reader.await(d -> d.getCurrentUrl().contains("asOf=" + today));
            assertThat(reader.text("main")).contains("As the ledger held it on")
                                           .contains("11:59 PM JST");
            assertThat(reader.find("#asOf").getAttribute("value")).isEqualTo(today + " 23:59");
            page(reader, "site-body-as-of-a-date");
        }
    }

    private static String meetingLine(Browser reader) {
        return reader.driver.findElement(By.linkText("Time zone session")).findElement(By.xpath("..")).getText();
    }
}
