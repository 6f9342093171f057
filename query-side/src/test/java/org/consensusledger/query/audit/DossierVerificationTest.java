package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.QuerySideApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verifier's dossier check against a started query side: the dossiers it publishes are rebuilt from the exported
 * events with the same fold and rendering, and a read model edited behind the log's back is caught, naming the
 * proposal and the first field that differs.
 */
class DossierVerificationTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final Instant AT = Instant.parse("2026-05-04T09:00:00Z");
    private static final String TEXT = "Data flows are lawful.\nThey are fair.\nReview in two years.";

    @TempDir
    static Path directory;
    private static ConfigurableApplicationContext app;
    private static MongoCollection<Document> dossiers;
    private static List<Document> original;
    private static String base;
    private static int events;

    @BeforeAll
    static void aLedgerWithADecidedAndAnOpenProposal() {
        MongoDatabase database = TestMongo.shared().newClient().getDatabase(DATABASE);
        LedgerEventStorageEngine log = EventLogFixtures.engine(database);
        append(log, "Organisation", "gov", 0, new OrganisationRegistered("gov", "Ministry", StakeholderGroup.GOVERNMENT,
                                                                         "NO"));
        append(log, "Organisation", "ngo", 0, new OrganisationRegistered("ngo", "Rights NGO",
                                                                         StakeholderGroup.CIVIL_SOCIETY, null));
        // Decided: support, a concern, two objections, a revision (a diff), both addressed, declared with dissent.
        append(log, "Proposal", "decided", 0, new ProposalSubmitted("decided", "wg", "gov", "Principle", TEXT, "sha-1",
                                                                    "m1", AT));
        append(log, "Proposal", "decided", 1, new SupportExpressed("decided", "wg", "gov",
                                                                   StakeholderGroup.GOVERNMENT, 1, "Yes", "m1", AT));
        append(log, "Proposal", "decided", 2, new ConcernRaised("decided", "wg", "c1", "ngo",
                                                                StakeholderGroup.CIVIL_SOCIETY, 1, "Define fair", "m1",
                                                                AT));
        append(log, "Proposal", "decided", 3, new ObjectionRaised("decided", "wg", "o1", "ngo",
                                                                  StakeholderGroup.CIVIL_SOCIETY, 1, "Too vague", "m1",
                                                                  AT.plusSeconds(60)));
        append(log, "Proposal", "decided", 4, new ObjectionRaised("decided", "wg", "o2", "gov",
                                                                  StakeholderGroup.GOVERNMENT, 1, "Conflicts", "m1",
                                                                  AT.plusSeconds(90)));
        append(log, "Proposal", "decided", 5, new ProposalRevised("decided", "wg", 2, TEXT.replace(
                "fair.", "fair, as the annex defines it."), "sha-2", "Defines fair", "gov", "m1", AT.plusSeconds(120)));
        append(log, "Proposal", "decided", 6, new ObjectionAddressed("decided", "wg", "o1", Disposition.ACCOMMODATED,
                                                                     2, "Version 2 defines it", "gov", "m1",
                                                                     AT.plusSeconds(180)));
        append(log, "Proposal", "decided", 7, new ObjectionAddressed("decided", "wg", "o2",
                                                                     Disposition.NOT_ACCOMMODATED, null,
                                                                     "National law is untouched", "gov", "m1",
                                                                     AT.plusSeconds(240)));
        append(log, "Proposal", "decided", 8, new RoughConsensusDeclared(
                "decided", "wg", 2, "sha-2", "Rough consensus", List.of(new Dissent("o2", "gov",
                StakeholderGroup.GOVERNMENT, "Conflicts", "National law is untouched")), List.of(), "gov", "m1",
                AT.plusSeconds(300)));
        append(log, "Correction", "k1", 0, new RecordCorrected("k1", "decided", 2, "decided-2", "ConcernRaised", "wg",
                                                               "Wrong organisation", "Raised by gov", "gov",
                                                               AT.plusSeconds(400)));
        // Open: an objection still waits.
        append(log, "Proposal", "open", 0, new ProposalSubmitted("open", "wg", "ngo", "Another", "Text.", "sha-3", "m1",
                                                                 AT));
        append(log, "Proposal", "open", 1, new ObjectionRaised("open", "wg", "o3", "gov", StakeholderGroup.GOVERNMENT,
                                                               1, "Not yet", "m1", AT.plusSeconds(30)));
        app = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri=" + TestMongo.shared().connectionString(DATABASE),
                "--ledger.audit.key-file=" + directory.resolve("log.key"), "--ledger.audit.checkpoint-interval=100ms");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/audit/checkpoint").contains("\n" + events + "\n")
                && get("/api/public/proposals/open").contains("\"asOfPosition\":" + (events - 1))
                && get("/api/public/proposals/decided").contains("\"corrections\":[{"));
        dossiers = database.getCollection("public_proposals");
        original = dossiers.find().into(new ArrayList<>());
        assertThat(original).hasSize(2);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void restore() {
        dossiers.deleteMany(Filters.empty());
        dossiers.insertMany(original);
    }

    @Test
    void everyPublishedDossierIsTheOneItsEventsMake() {
        assertThat(verify()).startsWith("0 VERIFIED " + events + " events")
                            .contains("; 2 published dossiers are the ones their events make");
    }

    @Test
    void aDispositionChangedInTheReadModelIsCaught() {
        dossiers.updateOne(Filters.eq("_id", "open"), new Document("$set", new Document(
                "objections.0.grounds", "Accepted")));
        assertThat(verify()).startsWith("1 FAILED: the published dossier of proposal open (" + base
                                                + "/api/public/proposals/open) is not the one its events in the log "
                                                + "make: /objections/0/objection/grounds is \"Accepted\" published, "
                                                + "\"Not yet\" from the log");
    }

    @Test
    void aDossierThatStaysBehindItsEventsIsCaughtAfterWaitingForIt() {
        dossiers.updateOne(Filters.eq("_id", "open"), new Document("$set", new Document("position", events - 2)));
        assertThat(verify()).startsWith("1 FAILED: the published dossier of proposal open (" + base
                                                + "/api/public/proposals/open) reflects position " + (events - 2)
                                                + ", but its last event in the log is at position " + (events - 1));
    }

    @Test
    void aDossierMissingFromTheReadModelIsCaught() {
        dossiers.deleteOne(Filters.eq("_id", "decided"));
        assertThat(verify()).startsWith("1 FAILED: the server publishes no dossier of proposal decided");
    }

    @Test
    void aDossierWithoutEventsInTheLogIsCaught() {
        Document invented = new Document(original.stream().filter(d -> d.get("_id").equals("open")).findFirst()
                                                 .orElseThrow());
        invented.put("_id", "invented");
        dossiers.insertOne(invented);
        assertThat(verify()).startsWith("1 FAILED: the server publishes proposal invented (" + base
                                                + "/api/public/proposals/invented, as of position " + (events - 1)
                                                + "), of which the log has no submission");
    }

    @Test
    void withoutTheDossierCheckOnlyTheLogIsVerified() {
        dossiers.deleteOne(Filters.eq("_id", "decided"));
        assertThat(VerifierRun.run("--server", base, "--no-dossiers", "--quiet")).startsWith("0 VERIFIED")
                                                                     .doesNotContain("dossier");
    }

    private static String verify() {
        return VerifierRun.run("--server", base, "--quiet");
    }

    private static void append(LedgerEventStorageEngine log, String type, String id, long sequence, Object payload) {
        log.appendEvents(new GenericDomainEventMessage<>(type, id, sequence, payload,
                                                         MetaData.from(Map.of("recordedBy", "account-chair"))));
        events++;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "";
    }
}
