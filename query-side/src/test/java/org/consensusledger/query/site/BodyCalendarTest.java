package org.consensusledger.query.site;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A body's calendar parses with ical4j and holds its meetings, a cancelled one as cancelled, texts whole. */
class BodyCalendarTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Test
    void theCalendarParsesAndHoldsEveryMeeting() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "cal-wg-" + run;
        String held = "cal-m1-" + run;
        String cancelled = "cal-m2-" + run;
        append("Body", body, new BodyEstablished(body, "Calendrier " + run, BodyKind.PLENARY, null, "Meet"));
        append("Meeting", held, new MeetingScheduled(held, body, "Séance, un; \"première\"\nsuite\u0007", AT,
                                                     MeetingFormat.IN_PERSON, "Genève, salle 1"));
        append("Meeting", held, new MeetingOpened(held, body, null, AT.plusSeconds(60)));
        append("Meeting", held, new MeetingClosed(held, body, null, AT.plus(Duration.ofHours(2)), null));
        append("Meeting", cancelled, new MeetingScheduled(cancelled, body, "Séance deux", AT.plus(Duration.ofDays(7)),
                                                          MeetingFormat.VIRTUAL, null));
        append("Meeting", cancelled, new MeetingCancelled(cancelled, body, null, "No quorum"));

        String path = "/bodies/" + body + "/calendar.ics";
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("STATUS:CANCELLED"));
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/calendar"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        VEvent first = events.stream().filter(e -> value(e, "UID").startsWith(held)).findFirst().orElseThrow();
        assertThat(value(first, "SUMMARY")).isEqualTo("Séance, un; \"première\"\nsuite\uFFFD");
        assertThat(value(first, "DTSTART")).isEqualTo("20260304T093000Z");
        assertThat(value(first, "DTEND")).isEqualTo("20260304T113000Z");
        assertThat(value(first, "LOCATION")).isEqualTo("Genève, salle 1");
        assertThat(value(first, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(value(first, "URL")).endsWith("/meetings/" + held);
        VEvent second = events.stream().filter(e -> value(e, "UID").startsWith(cancelled)).findFirst().orElseThrow();
        assertThat(value(second, "STATUS")).isEqualTo("CANCELLED");
        assertThat(value(second, "DTSTART")).isEqualTo("20260311T093000Z");
        assertThat(events).allSatisfy(event -> assertThat(event.getProperties("DTSTAMP")).as("one DTSTAMP")
                                                                                    .hasSize(1));
        // Rendered again a second later (another language is another entry of the page cache, so not the one kept):
        // the same calendar, byte for byte, UIDs and stamps alike.
        Instant rendered = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > rendered.getEpochSecond());
        HttpResponse<String> again = get(path, "Accept-Language", "fr");
        assertThat(again.headers().firstValue("ETag")).isNotEqualTo(response.headers().firstValue("ETag"));
        assertThat(again.body()).isEqualTo(response.body());
    }

    @Test
    void anUnknownBodyIsAPageInWords() {
        HttpResponse<String> response = get("/bodies/no-such-body/calendar.ics");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("There is no body at this address");
        assertThat(get("/bodies/" + "x".repeat(101) + "/calendar.ics").statusCode()).isEqualTo(400);
    }

    private static String value(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElseThrow(() -> new AssertionError(name));
    }
}
