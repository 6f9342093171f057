package org.consensusledger.query.site;

import org.bson.Document;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.query.admin.Replays;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read model repaired by a replay is what the site and the API serve next, with a new ETag: a repaired dossier
 * has the position it had before, so nothing kept by position alone (pages, their ETags, the API's JSON) may outlive
 * the rebuild.
 */
class RebuiltPagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Autowired
    private LedgerDatabase database;

    @Autowired
    private Replays replays;

    @Autowired
    private SelfCheck selfCheck;

    @Test
    void aDossierDamagedBehindTheAppsBackIsServedRepairedWithANewETagOnceAReplayRepairedIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String org = "org-" + run;
        String proposal = "p-" + run;
        append("Organisation", org, new OrganisationRegistered(org, "Open Rights " + run,
                                                               StakeholderGroup.CIVIL_SOCIETY, null));
        append("Body", body, new BodyEstablished(body, "Plenary " + run, BodyKind.PLENARY, null, "Mandate"));
        append("Body", body, new MemberAdmitted(body, org, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, org, "Fair principle " + run, "Text",
                                                           "sha", null, AT));
        await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/public/proposals/" + proposal).statusCode() == 200);
        String apiTag = get("/api/public/proposals/" + proposal).headers().firstValue("ETag").orElseThrow();

        // Damaged behind the application's back, its position kept: the page rendered now shows the damage, and is
        // kept, as nothing the page cache watches has moved.
        database.get().getCollection("public_proposals").updateOne(
                new Document("_id", proposal), new Document("$set", new Document("title", "Damaged " + run)));
        String damaged = awaitPage("/proposals/" + proposal, page -> page.contains("Damaged " + run)
                && page.contains("Open Rights " + run) && page.contains("Plenary " + run));
        assertThat(damaged).doesNotContain("Fair principle " + run);
        String pageTag = get("/proposals/" + proposal).headers().firstValue("ETag").orElseThrow();
        assertThat(get("/proposals/" + proposal, "If-None-Match", pageTag).statusCode()).isEqualTo(304);

        assertThat(replay().statusCode()).isEqualTo(202);
        assertThat(replays.rebuilding()).succeedsWithin(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> repaired = get("/proposals/" + proposal, "If-None-Match", pageTag);
            assertThat(repaired.statusCode()).isEqualTo(200);
            assertThat(repaired.body()).contains("Fair principle " + run).doesNotContain("Damaged " + run);
            assertThat(repaired.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(pageTag);
        });
        HttpResponse<String> api = get("/api/public/proposals/" + proposal, "If-None-Match", apiTag);
        assertThat(api.statusCode()).as("the API's ETag moved on too").isEqualTo(200);
        assertThat(api.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(apiTag);
        assertThat(json(api).path("title").asText()).isEqualTo("Fair principle " + run);
        // Repaired as the log says (other tests read the self-check's banner on every page).
        assertThat(selfCheck.runFullPass()).succeedsWithin(Duration.ofSeconds(60))
                                           .satisfies(report -> assertThat(report.problemCount()).isZero());
    }

    private HttpResponse<String> replay() throws Exception {
        String token = "clt_rebuilt-pages-" + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                            .digest(token.getBytes(StandardCharsets.UTF_8)));
        database.get().getCollection("accounts").insertOne(new Document("_id", UUID.randomUUID().toString())
                                                                   .append("tokenHash", hash)
                                                                   .append("kind", "SECRETARIAT"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/replay"))
                                         .header("Authorization", "Bearer " + token)
                                         .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
