package org.consensusledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding every read model from position 0 leaves every document exactly as the live processing left it. */
class ReplayTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:00:00Z");

    @Autowired
    private LedgerDatabase database;

    @Autowired
    private LedgerEventStorageEngine log;

    @Autowired
    private Replays replays;

    @Test
    void aReplayRebuildsReadModelsIdenticalToTheLiveOnes() throws Exception {
        String token = secretariatToken();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String gov = "gov-" + run;
        String p = "p-" + run;
        String m = "m-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, null));
        append("Body", body, new BodyEstablished(body, "Data", BodyKind.PLENARY, null, "Decide"));
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Body", body, new CoChairAppointed(body, gov));
        append("Meeting", m, new MeetingScheduled(m, body, "Session", AT, MeetingFormat.VIRTUAL, null));
        append("Meeting", m, new MeetingOpened(m, body, gov, AT));
        append("Proposal", p, new ProposalSubmitted(p, body, gov, "Principle", "Be fair.", "sha", m, AT));
        append("Proposal", p, new ObjectionRaised(p, body, "o1", gov, StakeholderGroup.GOVERNMENT, 1, "Vague", m, AT));
        append("Proposal", p, new ObjectionAddressed(p, body, "o1", Disposition.NOT_ACCOMMODATED, null, "Reasons",
                                                     gov, m, AT));
        append("Proposal", p, new RoughConsensusDeclared(p, body, 1, "sha", "Agreed", List.of(), List.of(), gov, m,
                                                         AT));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> json(get("/api/public/bodies/" + body)).path("decisions").size() == 1
                        && get("/api/public/meetings/" + m).statusCode() == 200
                        && json(get("/api/public/proposals/" + p)).path("status").asText().equals("DECIDED"));
        awaitEveryProcessorAtTheHead();
        Map<String, List<JsonNode>> live = readModels();
        // A read model damaged by hand: only a real rebuild from the log repairs it.
        database.get().getCollection("public_bodies").updateOne(new Document("_id", body),
                                                                new Document("$set", new Document("name", "damaged")));
        assertThat(readModels()).isNotEqualTo(live);

        HttpResponse<String> refused = post(null);
        HttpResponse<String> accepted = post(token);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        // The single pass over the log succeeded (had it failed, the processors would replay by themselves).
        assertThat(replays.rebuilding()).succeedsWithin(Duration.ofSeconds(60));
        awaitEveryProcessorAtTheHead();
        // Every document again, exactly as before; waits while the last segments finish.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
               .untilAsserted(() -> assertThat(readModels()).isEqualTo(live));
    }

    private void awaitEveryProcessorAtTheHead() {
        long last = log.nextGlobalPosition() - 1;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> replays.status().stream().allMatch(processor -> processor.caughtUp()
                        && processor.position() != null && processor.position() >= last));
    }

    /** Every document of every read model, as JSON, by collection, in {@code _id} order. */
    private Map<String, List<JsonNode>> readModels() {
        MongoDatabase db = database.get();
        Map<String, List<JsonNode>> all = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (name.startsWith("public_")) {
                List<JsonNode> documents = new ArrayList<>();
                // As JSON trees: the same fields with the same values, in whatever order the server keeps them.
                db.getCollection(name).find().sort(Sorts.ascending("_id"))
                  .forEach((Document document) -> documents.add(json(document.toJson())));
                all.put(name, documents);
            }
        }
        assertThat(all).containsKeys("public_bodies", "public_proposals", "public_meetings", "public_organisations",
                                     "public_latest_decisions");
        return all;
    }

    private String secretariatToken() throws Exception {
        String token = "clt_replay-test-" + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                            .digest(token.getBytes(StandardCharsets.UTF_8)));
        database.get().getCollection("accounts").insertOne(new Document("_id", UUID.randomUUID().toString())
                                                                   .append("tokenHash", hash)
                                                                   .append("kind", "SECRETARIAT"));
        return token;
    }

    private HttpResponse<String> post(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                                                + "/api/admin/replay"))
                                                 .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
