package org.consensusledger.query.site;

import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Times on the site: in the reader's time zone (the {@code tz} parameter, remembered in a cookie) with UTC beside
 * them, hostile zones ignored; "view as of" read as a reader writes it (a date, a date and time in the reader's
 * zone, an instant, or a meeting's close) and refused in words otherwise.
 */
class SiteTimeTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    private String body;
    private String meeting;

    @BeforeEach
    void aBodyWithAClosedMeeting() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        body = "tz-" + run;
        meeting = "m-" + run;
        String gov = "gov-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, "CH"));
        append("Body", body, new BodyEstablished(body, "Time " + run, BodyKind.PLENARY, null, "Keep time"));
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Session one", AT, MeetingFormat.IN_PERSON,
                                                        "Geneva"));
        append("Meeting", meeting, new MeetingOpened(meeting, body, gov, AT));
        append("Meeting", meeting, new MeetingClosed(meeting, body, gov, AT.plus(Duration.ofHours(3)), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> page("/bodies/" + body).body().contains("closed"));
    }

    @Test
    void aReaderInUtcSeesUtcAndAReaderWhoChoseAZoneSeesItWithUtcBeside() {
        HttpResponse<String> utc = page("/meetings/" + meeting);
        HttpResponse<String> chosen = page("/meetings/" + meeting + "?tz=Europe/Zurich");

        assertThat(utc.body()).contains("March 4, 2026, 9:30 AM UTC")
                              .contains("<input id=\"tz\" name=\"tz\"")
                              .containsPattern("<label for=\"tz\">Time zone</label>")
                              .contains("<option value=\"Europe/Zurich\">");
        assertThat(utc.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(chosen.body()).contains("March 4, 2026, 10:30 AM CET (9:30 AM UTC)")
                                 .contains("value=\"Europe/Zurich\" aria-describedby=\"tz-hint\"");
        assertThat(chosen.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("tz=Europe/Zurich", "Path=/", "Max-Age=31536000", "SameSite=Lax");
        assertThat(get("/api/public/bodies/" + body + "?tz=Europe/Zurich").headers().firstValue("Set-Cookie"))
                .as("the JSON API sets no cookie").isEmpty();
    }

    @Test
    void theCookieKeepsTheZoneOnTheNextPagesAndTheParameterOverridesIt() {
        // First rendered in UTC (and kept by the page cache), then asked for with the cookie: not the kept page.
        assertThat(page("/bodies/" + body).body()).contains("March 4, 2026, 9:30 AM UTC");

        String tokyo = page("/bodies/" + body, "Cookie", "tz=Asia/Tokyo").body();
        String overridden = page("/bodies/" + body + "?tz=America/New_York", "Cookie", "tz=Asia/Tokyo").body();

        assertThat(tokyo).contains("March 4, 2026, 6:30 PM JST (9:30 AM UTC)");
        assertThat(overridden).contains("March 4, 2026, 4:30 AM EST (9:30 AM UTC)");
    }

    @Test
    void theZoneSwitchKeepsThePagesOtherParameters() {
        String page = page("/proposals?q=" + encode("open data") + "&tz=UTC").body();

        assertThat(page).contains("<input type=\"hidden\" name=\"q\" value=\"open data\">")
                        .doesNotContain("type=\"hidden\" name=\"tz\"");
    }

    @Test
    void aZoneTheSiteDoesNotKnowIsIgnoredAndSaidSo() {
        for (String hostile : new String[]{"../x", "Mars/Base", "+01:00", "x".repeat(4_000), "Europe/Zurich\u0007",
                "europe/zurich"}) {
            HttpResponse<String> answer = page("/meetings/" + meeting + "?tz=" + encode(hostile),
                                               "Cookie", "tz=" + "../etc");

            assertThat(answer.statusCode()).as(hostile).isEqualTo(200);
            assertThat(answer.body()).as(hostile).contains("March 4, 2026, 9:30 AM UTC")
                                     .contains("is not a time zone this site knows")
                                     .doesNotContain("\u0007").doesNotContain("x".repeat(100));
            assertThat(answer.headers().firstValue("Set-Cookie")).as(hostile).isEmpty();
        }
    }

    @Test
    void aMeetingsTimesAreShownInItsBodysZoneAsWellAsTheReaders() {
        String geneva = body + "-geneva";
        String session = meeting + "-geneva";
        append("Body", geneva, new BodyEstablished(geneva, "Geneva " + body, BodyKind.PLENARY, null, "Meet",
                                                   "Europe/Zurich"));
        append("Meeting", session, new MeetingScheduled(session, geneva, "Geneva session", AT,
                                                        MeetingFormat.IN_PERSON, "Geneva"));
        append("Meeting", session, new MeetingOpened(session, geneva, null, AT));
        append("Meeting", session, new MeetingClosed(session, geneva, null, AT.plus(Duration.ofHours(3)), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> page("/bodies/" + geneva).body().contains("closed"));

        String minutes = page("/meetings/" + session).body();
        String bodyPage = page("/bodies/" + geneva + "?tz=America/New_York").body();
        String inZurich = page("/meetings/" + session + "?tz=Europe/Zurich").body();

        assertThat(minutes).contains("March 4, 2026, 10:30 AM in Europe/Zurich · 9:30 AM UTC")
                           .contains("March 4, 2026, 1:30 PM in Europe/Zurich · 12:30 PM UTC");
        assertThat(bodyPage).contains("March 4, 2026, 10:30 AM in Europe/Zurich · March 4, 2026, 4:30 AM EST "
                                              + "(9:30 AM UTC)");
        assertThat(inZurich).contains("March 4, 2026, 10:30 AM in Europe/Zurich · 9:30 AM UTC");
        assertThat(json(get("/api/public/bodies/" + geneva).body()).path("timeZone").asText())
                .isEqualTo("Europe/Zurich");
        assertThat(json(get("/api/public/bodies/" + body).body()).path("timeZone").isNull()).isTrue();
    }

    @Test
    void viewAsOfADateIsTheEndOfThatDayInTheReadersZone() {
        Instant established = established();
        String day = established.atZone(ZURICH).toLocalDate().toString();
        String dayBefore = established.atZone(ZURICH).toLocalDate().minusDays(1).toString();

        HttpResponse<String> then = page("/bodies/" + body + "?tz=Europe/Zurich&asOf=" + day);
        HttpResponse<String> before = page("/bodies/" + body + "?tz=Europe/Zurich&asOf=" + dayBefore);

        assertThat(then.statusCode()).isEqualTo(200);
        assertThat(then.body()).contains("As the ledger held it on")
                               .contains("11:59 PM CET")
                               // the form keeps the zone, for a browser that keeps no cookie
                               .contains("<input type=\"hidden\" name=\"tz\" value=\"Europe/Zurich\">")
                               .contains("value=\"" + day + " 23:59\"");
        assertThat(before.statusCode()).isEqualTo(404);
    }

    @Test
    void viewAsOfADateAndTimeReadsItInTheReadersZoneToTheEndOfThatMinute() {
        Instant established = established();
        String minute = established.atZone(ZURICH).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"));
        String minuteBefore = established.atZone(ZURICH).minusMinutes(1)
                                         .format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm"));

        for (String form : new String[]{minute, minute.replace(' ', 'T')}) {
            HttpResponse<String> then = page("/bodies/" + body + "?tz=Europe/Zurich&asOf=" + encode(form));
            assertThat(then.statusCode()).as(form).isEqualTo(200);
            assertThat(then.body()).as(form).contains("As the ledger held it on")
                                   .contains("value=\"" + minute + "\"");
        }
        assertThat(page("/bodies/" + body + "?tz=Europe/Zurich&asOf=" + encode(minuteBefore)).statusCode())
                .isEqualTo(404);
        // The same wall-clock time read in UTC is an hour later in Zurich: the body existed by then.
        assertThat(page("/bodies/" + body + "?tz=UTC&asOf=" + encode(minute)).statusCode()).isEqualTo(200);
    }

    @Test
    void viewAsOfAnExactInstantStaysAsItWas() {
        Instant established = established();

        assertThat(page("/bodies/" + body + "?asOf=" + established).statusCode()).isEqualTo(200);
        assertThat(page("/bodies/" + body + "?asOf=" + established.minusSeconds(60)).statusCode()).isEqualTo(404);
        assertThat(page("/bodies/" + body + "?asOf=" + encode(established.atZone(ZURICH).toOffsetDateTime()
                                                                          .toString())).statusCode()).isEqualTo(200);
    }

    @Test
    void theAsOfFormOffersTheCloseOfTheBodysMeetings() {
        String page = page("/bodies/" + body).body();
        String[] events = get("/api/audit/aggregates/" + meeting + "/events").body().split("\n");
        String closeRecorded = json(events[events.length - 1]).path("timestamp").asText();

        // Named by the time it closed; the instant is when the closing was recorded (here long after).
        assertThat(page).containsPattern("<label for=\"asOfMeeting\">[^<]+</label>")
                        .contains("<select id=\"asOfMeeting\" name=\"asOf\">")
                        .contains("<option value=\"" + Instant.parse(closeRecorded) + "\">at the close of Session "
                                          + "one, March 4, 2026, 12:30 PM UTC</option>");
        String asOfTheClose = page("/bodies/" + body + "?asOf=" + Instant.parse(closeRecorded)).body();
        assertThat(asOfTheClose).contains("As the ledger held it on")
                                .containsPattern("Session one</a>,\\s*<time[^>]+>[^<]+</time>\\s*"
                                                         + "\\(<span>closed</span>\\)")
                                .contains("selected=\"selected\">at the close of Session one");
    }

    @Test
    void whatCannotBeReadAsADateIsRefusedInWordsWithWhatWasTyped() {
        assertRefused("2026-02-30", "“2026-02-30” names a day or time that does not exist in the calendar");
        assertRefused("2026-12-04 25:00", "“2026-12-04 25:00” names a day or time that does not exist");
        assertRefused("99999-01-01", "“99999-01-01” cannot be read as a date");
        assertRefused("+99999-01-01T00:00:00Z", "cannot be read as a date");
        assertRefused("1900-01-01", "“1900-01-01” lies outside the years the ledger can hold (1970 to 2200)");
        assertRefused("2026-12-04\u0007", "“2026-12-04U+0007” holds a character that cannot be part of a date");
        assertRefused("2".repeat(4_000), "is too long to be a date");
        // Longer than a request line may be (8 kB): the server refuses it before the site reads it, in words.
        HttpResponse<String> tenKilobytes = page("/proposals/no-matter?asOf=" + "2".repeat(10_000));
        assertThat(tenKilobytes.statusCode()).isEqualTo(400);
        assertThat(tenKilobytes.body()).contains("The request cannot be read");
        assertRefused("yesterday", "“yesterday” cannot be read as a date (2026-12-04)");
        assertRefused("2026-12-04T20:09:00+99:00", "does not exist");
    }

    private void assertRefused(String typed, String words) {
        HttpResponse<String> refused = page("/proposals/no-matter?asOf=" + encode(typed));
        assertThat(refused.statusCode()).as(typed).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).as(typed).contains("<h1>This request cannot be answered</h1>").contains(words)
                                  .doesNotContain("\u0007").doesNotContain("2".repeat(100));
    }

    private Instant established() {
        String first = get("/api/audit/aggregates/" + body + "/events").body().split("\n")[0];
        return Instant.parse(json(first).path("timestamp").asText());
    }

    private HttpResponse<String> page(String path, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Accept";
        all[1] = "text/html";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return get(path, all);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
