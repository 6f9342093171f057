package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.web.QueryApiTest;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * Freshness on the log's side: every checkpoint carries its signed {@code time} line, and the latest size is signed
 * again, with a new time, once its signed time is older than {@code ledger.audit.refresh-interval} (1 h here, the
 * default: a checkpoint is made stale by storing one signed two hours ago, as an instance that stopped signing would
 * have left it) even though the log has not grown.
 */
class CheckpointFreshnessTest extends QueryApiTest {

    private static final Cosignature.Signer WITNESS = new Cosignature.Signer(KeyText.generate("w.example/witness"));

    @Autowired
    private LedgerEventStorageEngine log;
    @Autowired
    private LedgerDatabase database;
    @Autowired
    private CheckpointKey key;
    @Autowired
    private Checkpoints checkpoints;

    @Test
    void everyCheckpointCarriesItsSignedTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0), event(aggregate, 1));
        long head = log.nextGlobalPosition();

        Checkpoint checkpoint = await().atMost(Duration.ofSeconds(20)).until(this::latestServed,
                                                                           served -> served.size() >= head);

        assertThat(checkpoint.extensions()).anyMatch(line -> line.matches("time [1-9][0-9]*"));
        assertThat(CheckpointTime.of(checkpoint)).hasValueSatisfying(
                time -> assertThat(time).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                                                   Instant.now()));
    }

    @Test
    void aStaleLatestCheckpointIsSignedAgainAtTheSameSizeAndRoot() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0));
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(20)).until(this::latestServed, served -> served.size() >= head);
        MongoCollection<Document> stored = database.get()
                                                   .getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName());
        Document latest = stored.find().sort(Sorts.descending("_id")).first();
        Checkpoint current = Checkpoint.parse(new NoteVerifier(key.vkey()).verify(latest.getString("note")).text());
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Checkpoint old = CheckpointTime.stamped(new Checkpoint(current.origin(), current.size(), current.rootHash()),
                                                twoHoursAgo);
        stored.updateOne(Filters.eq("_id", latest.get("_id")),
                         Updates.combine(Updates.set("note", key.signer().sign(old.format())),
                                         Updates.set("signedAt", StoredTimestamps.format(twoHoursAgo))));

        Checkpoint refreshed = await().atMost(Duration.ofSeconds(20)).until(
                this::latestServed, served -> CheckpointTime.of(served).orElseThrow()
                                                            .isAfter(Instant.now().minus(Duration.ofMinutes(1))));

        assertThat(refreshed.size()).isEqualTo(current.size());
        assertThat(refreshed.rootHash()).isEqualTo(current.rootHash());
        Document after = stored.find(Filters.eq("_id", latest.get("_id"))).first();
        assertThat(StoredTimestamps.parse(after.getString("signedAt")))
                .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        assertThat(after.getString("firstSignedAt")).isEqualTo(StoredTimestamps.format(twoHoursAgo));
        assertThat(stored.countDocuments(Filters.eq("_id", latest.get("_id")))).isEqualTo(1);
        // Fresh now: asking again signs nothing new.
        assertThat(checkpoints.refreshIfStale().orElseThrow().note()).isEqualTo(after.getString("note"));
    }

    @Test
    void aCheckpointSignedBeforeTheTimeLineExistedIsSignedAgainWithOne() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0));
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(20)).until(this::latestServed, served -> served.size() >= head);
        MongoCollection<Document> stored = database.get()
                                                   .getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName());
        Document latest = stored.find().sort(Sorts.descending("_id")).first();
        Checkpoint current = Checkpoint.parse(new NoteVerifier(key.vkey()).verify(latest.getString("note")).text());
        String withoutTime = key.signer().sign(new Checkpoint(current.origin(), current.size(),
                                                              current.rootHash()).format());
        stored.updateOne(Filters.eq("_id", latest.get("_id")), Updates.set("note", withoutTime));

        Checkpoint refreshed = await().atMost(Duration.ofSeconds(20)).until(
                this::latestServed, served -> CheckpointTime.of(served).isPresent());

        assertThat(refreshed.size()).isEqualTo(current.size());
        assertThat(refreshed.rootHash()).isEqualTo(current.rootHash());
    }

    @Test
    void reSigningKeepsServingTheCosignedNoteUntilTheNewOneIsCosignedAsMuch() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0));
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(20)).until(this::latestServed, served -> served.size() >= head);
        MongoCollection<Document> stored = database.get()
                                                   .getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName());
        Document latest = stored.find().sort(Sorts.descending("_id")).first();
        Checkpoint current = Checkpoint.parse(new NoteVerifier(key.vkey()).verify(latest.getString("note")).text());
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        String stale = key.signer().sign(CheckpointTime.stamped(new Checkpoint(current.origin(), current.size(),
                                                                               current.rootHash()), twoHoursAgo)
                                                       .format());
        // A stale note a witness has cosigned, stored as the cosigner stores it.
        String cosignature = WITNESS.sign(SignedNote.parse(stale).text(), twoHoursAgo.getEpochSecond()).line().strip();
        stored.updateOne(Filters.eq("_id", latest.get("_id")),
                         Updates.combine(Updates.set("note", stale), Updates.set("cosignedNote", stale),
                                         Updates.set("cosignatures", List.of(cosignature)),
                                         Updates.set("signedAt", StoredTimestamps.format(twoHoursAgo))));

        String resigned = await().atMost(Duration.ofSeconds(20)).until(
                () -> stored.find(Filters.eq("_id", latest.get("_id"))).first().getString("note"),
                note -> !note.equals(stale));

        // Re-signed, but its witness has not answered yet: the cosigned note is still what is served.
        assertThat(get("/api/audit/checkpoint").body()).isEqualTo(stale + cosignature + "\n");
        // The new note is fresh: serving the older one meanwhile does not make it signed again.
        checkpoints.refreshIfStale();
        assertThat(stored.find(Filters.eq("_id", latest.get("_id"))).first().getString("note")).isEqualTo(resigned);
        String fresh = WITNESS.sign(SignedNote.parse(resigned).text(), Instant.now().getEpochSecond()).line().strip();
        assertThat(checkpoints.addCosignature(current.size(), resigned, fresh)).isTrue();
        assertThat(get("/api/audit/checkpoint").body()).isEqualTo(resigned + fresh + "\n");
        assertThat(stored.find(Filters.eq("_id", latest.get("_id"))).first().get("previousNote")).isNull();
    }

    @Test
    void twoKeysOfOneWitnessNameAreBothKept() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0));
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(20)).until(this::latestServed, served -> served.size() >= head);
        Checkpoints.Signed latest = checkpoints.latestAsSigned().orElseThrow();
        String text = SignedNote.parse(latest.note()).text();
        Cosignature.Signer rotated = new Cosignature.Signer(KeyText.generate(WITNESS.key().name()));
        String first = WITNESS.sign(text, 1).line().strip();
        String second = rotated.sign(text, 2).line().strip();
        assertThat(checkpoints.addCosignature(latest.size(), latest.note(), first)).isTrue();
        assertThat(checkpoints.addCosignature(latest.size(), latest.note(), second)).isTrue();
        // The same key again replaces its own line only.
        String again = WITNESS.sign(text, 3).line().strip();
        assertThat(checkpoints.addCosignature(latest.size(), latest.note(), again)).isTrue();

        assertThat(get("/api/audit/checkpoint").body()).isEqualTo(latest.note() + second + "\n" + again + "\n");
    }

    @Test
    void aRefreshIntervalNotLongerThanTheCheckpointIntervalIsRefused() {
        assertThatThrownBy(() -> new AuditProperties(URI.create("http://localhost:8082"), "ledger.example/log",
                                                     Path.of("unused"), Duration.ofMinutes(1), 1000,
                                                     Duration.ofMillis(50), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.audit.refresh-interval (PT1M) must be longer than "
                                              + "ledger.audit.checkpoint-interval (PT1M)");
    }

    @Test
    void aStoredCheckpointWithATimeBeyondTheYear9999IsSignedAgainNotThrownOn() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0));
        long head = log.nextGlobalPosition();
        await().atMost(Duration.ofSeconds(20)).until(this::latestServed, served -> served.size() >= head);
        MongoCollection<Document> stored = database.get()
                                                   .getCollection(LedgerCollection.LOG_CHECKPOINTS.collectionName());
        Document latest = stored.find().sort(Sorts.descending("_id")).first();
        Checkpoint current = Checkpoint.parse(new NoteVerifier(key.vkey()).verify(latest.getString("note")).text());
        // More than Instant holds: read as "no readable time", so the checkpoint is signed again with a real one.
        String farFuture = key.signer().sign(new Checkpoint(current.origin(), current.size(), current.rootHash(),
                                                            java.util.List.of("time 99999999999999999")).format());
        stored.updateOne(Filters.eq("_id", latest.get("_id")), Updates.set("note", farFuture));

        Checkpoint refreshed = await().atMost(Duration.ofSeconds(20)).until(
                this::latestServed, served -> !served.extensions().contains("time 99999999999999999")
                        && served.size() == current.size());

        assertThat(refreshed.rootHash()).isEqualTo(current.rootHash());
        assertThat(CheckpointTime.of(refreshed)).hasValueSatisfying(
                time -> assertThat(time).isBetween(java.time.Instant.now().minusSeconds(600),
                                                   java.time.Instant.now().plusSeconds(60)));
    }

    private Checkpoint latestServed() throws Exception {
        HttpResponse<String> response = get("/api/audit/checkpoint");
        if (response.statusCode() != 200) {
            return new Checkpoint("none", 0, org.consensusledger.tlog.MerkleHash.emptyRoot(),
                                  java.util.List.of("time 0"));
        }
        return Checkpoint.parse(new NoteVerifier(key.vkey()).verify(response.body()).text());
    }
}
