package org.consensusledger.query.opendata;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The open-data page lists every export and feed with what it holds, in words, and the checkpoint the exports are
 * made at; every address it links to answers; every page's header links to it.
 */
class OpenDataPageTest extends QueryApiTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");

    @Test
    void thePageListsEveryExportAndFeedAndEveryLinkAnswers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "page-wg-" + run;
        append("Body", body, new BodyEstablished(body, "Page body " + run, BodyKind.PLENARY, null, "Meet"));
        List<String> last = new ArrayList<>(List.of(""));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get("/open-data", "Accept", "text/html");
            last.set(0, response.body());
            return response.statusCode() == 200 && response.body().contains("Page body " + run)
                    && response.body().contains("Last log position included");
        });
        String page = last.get(0);

        assertThat(page).contains("<h1>Open data</h1>")
                        .contains("Every membership of a body, and every term as a co-chair")
                        .contains("organisation&#39;s position on each version")
                        .contains("<code class=\"columns\">proposal_id, version, organisation_id")
                        .contains("has a single quote (&#39;) put in front of it")
                        .contains("href=\"/api/open-data/popolo.json\"")
                        .contains("href=\"/feeds/decisions.atom\"")
                        .contains("href=\"/bodies/" + body + "/calendar.ics\">Calendar of Page body " + run)
                        .contains("href=\"/bodies/" + body + "/meetings.atom\"")
                        .contains("href=\"/feeds/bodies/" + body + "/decisions.atom\"")
                        .doesNotContain("<script", "''", "??");
        for (Datasets dataset : Datasets.values()) {
            assertThat(page).contains("href=\"/api/open-data/" + dataset.fileName() + ".csv\"");
        }
        Matcher links = HREF.matcher(page);
        while (links.find()) {
            String target = links.group(1).replace("&amp;", "&");
            if (!target.startsWith("#")) {
                assertThat(target).startsWith("/"); // nothing from another site
                assertThat(get(target).statusCode()).as(target).isEqualTo(200);
            }
        }
        assertThat(get("/", "Accept", "text/html").body()).contains("href=\"/open-data\"");
    }
}
