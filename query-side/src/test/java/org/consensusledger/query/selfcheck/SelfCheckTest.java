package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.Binary;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.audit.Checkpoints;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query side's self-check against each kind of tampering, done directly in MongoDB as an operator with database
 * access could: a read-model document edited, deleted or made up; a stored event's payload changed; an event deleted;
 * a signed checkpoint's root changed. Each is found by the next full pass, with where it is, shown on the site, and
 * gone once undone. An untouched ledger shows no problem at all (no false alarm). Its own application and database:
 * the tampering must not reach other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.self-check.full-interval=200ms", "ledger.self-check.follow-interval=100ms",
        "ledger.audit.checkpoint-interval=200ms"})
class SelfCheckTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-04T09:00:00Z");

    @Value("${local.server.port}")
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EventStore events;

    @Autowired
    private LedgerEventStorageEngine log;

    @Autowired
    private LedgerDatabase database;

    @Autowired
    private Checkpoints checkpoints;

    private final Map<String, Long> sequences = new HashMap<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
        registry.add("ledger.audit.key-file", () -> Path.of(System.getProperty("java.io.tmpdir"),
                                                            "self-check-test-" + UUID.randomUUID() + ".key")
                                                        .toString());
    }

    @Test
    void eachKindOfTamperingIsFoundWhereItIsAndGoesAwayWhenUndone() throws Exception {
        String proposal = "p-" + UUID.randomUUID();
        String meeting = "m-" + UUID.randomUUID();
        long submittedAt = aDecidedProposal(proposal, meeting);
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(checkpoints.latest()).hasValueSatisfying(latest -> assertThat(latest.size()).isEqualTo(head));
            JsonNode processors = JSON.readTree(management("/actuator/health/readiness").body()).path("components")
                                      .path("projections").path("details").path("processors");
            processors.forEach(processor -> assertThat(processor.path("lag").asLong()).isZero());
        });
        Instant caughtUp = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = report();
            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("OK");
            assertThat(Instant.parse(report.path("lastFullPass").path("started").asText())).isAfter(caughtUp);
            assertThat(report.path("lastFullPass").path("events").asLong()).isEqualTo(head);
            assertThat(report.path("lastFullPass").path("documents").asLong()).isGreaterThanOrEqualTo(5);
        });
        assertThat(get("/self-check").body()).contains("No differences found");

        MongoCollection<BsonDocument> dossiers = database.get().getCollection("public_proposals", BsonDocument.class);
        tamper("a read-model document edited by hand", dossiers, Filters.eq("_id", proposal),
               stored -> dossiers.updateOne(Filters.eq("_id", proposal), Updates.set("title", "Forged")),
               "DOCUMENT_DIFFERS", problem -> {
                   assertThat(problem.path("collection").asText()).isEqualTo("public_proposals");
                   assertThat(problem.path("documentId").asText()).isEqualTo(proposal);
                   assertThat(problem.path("detail").asText()).contains("title");
               });
        assertThat(get("/").body()).doesNotContain("self-check found differences");

        tamper("a read-model document deleted", dossiers, Filters.eq("_id", proposal),
               stored -> dossiers.deleteOne(Filters.eq("_id", proposal)), "DOCUMENT_MISSING",
               problem -> assertThat(problem.path("documentId").asText()).isEqualTo(proposal));

        MongoCollection<Document> minutes = database.get().getCollection("public_meetings");
        String madeUp = "made-up-" + UUID.randomUUID();
        BsonDocument copy = database.get().getCollection("public_meetings", BsonDocument.class)
                                    .find(Filters.eq("_id", meeting)).first();
        tamperAndUndo(() -> {
            copy.put("_id", new org.bson.BsonString(madeUp));
            database.get().getCollection("public_meetings", BsonDocument.class).insertOne(copy);
        }, () -> minutes.deleteOne(Filters.eq("_id", madeUp)), "DOCUMENT_UNEXPECTED",
                      problem -> assertThat(problem.path("documentId").asText()).isEqualTo(madeUp));

        MongoCollection<BsonDocument> commits = database.get().getCollection(EventLogSchema.COMMITS,
                                                                              BsonDocument.class);
        BsonDocument submittedCommit = commitHolding(commits, submittedAt);
        tamperAndUndo(() -> commits.replaceOne(Filters.eq("_id", submittedCommit.get("_id")),
                                               withTitle(submittedCommit, submittedAt, "Forged")),
                      () -> commits.replaceOne(Filters.eq("_id", submittedCommit.get("_id")), submittedCommit),
                      "EVENT_CHANGED", problem -> assertThat(problem.path("position").asLong()).isEqualTo(submittedAt));

        long middle = submittedAt + 2;
        BsonDocument deleted = commitHolding(commits, middle);
        tamperAndUndo(() -> commits.deleteOne(Filters.eq("_id", deleted.get("_id"))),
                      () -> commits.insertOne(deleted), "EVENT_MISSING",
                      problem -> assertThat(problem.path("position").asLong())
                              .isEqualTo(deleted.getInt64("_id").getValue()));

        MongoCollection<Document> signed = database.get().getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName());
        Document latest = signed.find().sort(Sorts.descending("_id")).first();
        byte[] forgedRoot = new byte[32];
        tamperAndUndo(() -> signed.updateOne(Filters.eq("_id", latest.get("_id")),
                                             Updates.set("rootHash", new Binary(forgedRoot))),
                      () -> signed.replaceOne(Filters.eq("_id", latest.get("_id")), latest), "CHECKPOINT_DIFFERS",
                      problem -> assertThat(problem.path("detail").asText()).contains("size " + latest.get("_id")));
    }

    /** Tampers with one stored document (kept to be put back as it was), then undoes it. */
    private void tamper(String what, MongoCollection<BsonDocument> collection, org.bson.conversions.Bson filter,
                        Consumer<BsonDocument> change, String kind, Consumer<JsonNode> where) throws Exception {
        BsonDocument original = collection.find(filter).first();
        assertThat(original).as(what).isNotNull();
        tamperAndUndo(() -> change.accept(original), () -> collection.replaceOne(
                filter, original, new com.mongodb.client.model.ReplaceOptions().upsert(true)), kind, where);
    }

    private void tamperAndUndo(Runnable tamper, Runnable undo, String kind, Consumer<JsonNode> where)
            throws Exception {
        tamper.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode report = report();
            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("PROBLEMS");
            JsonNode found = null;
            for (JsonNode problem : report.path("problems")) {
                if (problem.path("kind").asText().equals(kind)) {
                    found = problem;
                }
            }
            assertThat(found).as("a %s problem in %s", kind, report).isNotNull();
            where.accept(found);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(get("/").body()).contains("self-check found differences.");
            assertThat(get("/self-check").body()).contains("Differences found");
        });
        undo.run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(report().path("status").asText())
                .as(report().toString()).isEqualTo("OK"));
    }

    private static BsonDocument commitHolding(MongoCollection<BsonDocument> commits, long position) {
        BsonDocument commit = commits.find(Filters.lte("_id", position)).sort(Sorts.descending("_id")).first();
        assertThat(commit).isNotNull();
        assertThat(commit.getInt64("_id").getValue() + commit.getInt32("size").getValue()).isGreaterThan(position);
        return commit;
    }

    private static BsonDocument withTitle(BsonDocument commit, long position, String title) {
        BsonDocument changed = commit.clone();
        BsonArray stored = changed.getArray(EventLogSchema.EVENTS);
        for (BsonValue event : stored) {
            if (event.asDocument().getInt64(EventLogSchema.POSITION).getValue() == position) {
                event.asDocument().getDocument(EventLogSchema.PAYLOAD).put("title", new org.bson.BsonString(title));
            }
        }
        return changed;
    }

    /** A body with a member, a meeting and a proposal decided in it after an objection; returns where it began. */
    private long aDecidedProposal(String proposal, String meeting) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String cso = "cso-" + run;
        String biz = "biz-" + run;
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme", StakeholderGroup.PRIVATE_SECTOR, null));
        append("Body", body, new BodyEstablished(body, "Data", BodyKind.WORKING_GROUP, null, "Draft"));
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Session 1", AT, MeetingFormat.VIRTUAL, null));
        append("Meeting", meeting, new MeetingOpened(meeting, body, cso, AT));
        long submittedAt = log.nextGlobalPosition();
        Map<String, String> chair = Map.of("recordedBy", "account-chair", "actingFor", cso);
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, cso, "Principle 1", "Be lawful.", "sha1",
                                                           meeting, AT), chair);
        append("Proposal", proposal, new ConcernRaised(proposal, body, "c1", biz, StakeholderGroup.PRIVATE_SECTOR, 1,
                                                       "Define lawful", meeting, AT), chair);
        append("Proposal", proposal, new ObjectionRaised(proposal, body, "o1", biz, StakeholderGroup.PRIVATE_SECTOR,
                                                         1, "Lawful where?", meeting, AT), chair);
        append("Proposal", proposal, new ProposalRevised(proposal, body, 2, "Be lawful where it applies.", "sha2",
                                                         "Says where", cso, meeting, AT), chair);
        append("Proposal", proposal, new ObjectionAddressed(proposal, body, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                            "Covered by the annex", cso, meeting, AT), chair);
        append("Proposal", proposal, new RoughConsensusDeclared(
                proposal, body, 2, "sha2", "All addressed",
                List.of(new Dissent("o1", biz, StakeholderGroup.PRIVATE_SECTOR, "Lawful where?",
                                    "Covered by the annex")),
                List.of(new GroupTally(StakeholderGroup.PRIVATE_SECTOR, 0, 0, 1, 1)), cso, meeting, AT), chair);
        append("Correction", "fix-" + run, new RecordCorrected("fix-" + run, proposal, 1, "e1",
                                                               ConcernRaised.class.getName(), body, "Wrong text",
                                                               "It said: define lawful", null, AT));
        return submittedAt;
    }

    private void append(String type, String id, Object payload) {
        append(type, id, payload, Map.of());
    }

    private void append(String type, String id, Object payload, Map<String, ?> metaData) {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        events.publish(new GenericDomainEventMessage<>(type, id, sequence, payload, MetaData.from(metaData)));
    }

    private JsonNode report() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/audit/self-check");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(port, path);
    }

    private HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(managementPort, path);
    }

    private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
