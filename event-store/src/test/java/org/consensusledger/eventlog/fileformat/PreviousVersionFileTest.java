package org.consensusledger.eventlog.fileformat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data file written by the version before index keys were stored compactly (commit 325d983: 300 events appended one
 * at a time through this engine to 30 aggregates of 10 events, in database {@code ledger}; then 20 accounts with a
 * unique {@code tokenHash} and a unique compound {@code organisation, number}, the number an int for even accounts
 * and a long for odd ones) opens, has its index maps rebuilt, and keeps every event, and every index still finds
 * documents and refuses duplicates, then and after a restart.
 */
class PreviousVersionFileTest {

    private static final int EVENTS = 300;
    private static final int AGGREGATES = 30;

    @Test
    void aFileOfThePreviousVersionOpensKeepsEveryEventAndItsIndexesWork(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("ledger.mv.db");
        try (InputStream packed = getClass().getResourceAsStream("/fileformat/ledger-before-key-type.mv.db.gz")) {
            assertThat(packed).isNotNull();
            Files.copy(new GZIPInputStream(packed), file);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            LedgerEventStorageEngine engine = EventLogFixtures.engine(database);
            assertEveryEventIsThere(engine, EVENTS);
            for (int a = 0; a < AGGREGATES; a++) {
                assertThat(engine.lastSequenceNumberFor("aggregate-" + a)).contains(9L);
            }
            // The stream keys' unique index: a taken sequence number is refused, the next one is taken.
            assertThatThrownBy(() -> engine.appendEvents(EventLogFixtures.event("aggregate-3", 9)))
                    .isInstanceOf(ConcurrencyException.class);
            engine.appendEvents(EventLogFixtures.event("aggregate-3", 10));

            MongoCollection<Document> accounts = database.getCollection("accounts");
            assertThat(accounts.find(Filters.eq("tokenHash", "hash-7")).first()).containsEntry("_id", "account-7");
            assertThat(accounts.find(Filters.eq("_id", "account-12")).first()).containsEntry("tokenHash", "hash-12");
            assertThatThrownBy(() -> accounts.insertOne(new Document("_id", "account-x").append("tokenHash", "hash-7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> accounts.insertOne(new Document("_id", "account-5")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // Stored as the long 5, taken as the double 5.0: one number to MongoDB, so one key.
            assertThatThrownBy(() -> accounts.insertOne(new Document("_id", "account-y").append("tokenHash", "y")
                                                                 .append("organisation", "org-1").append("number", 5.0)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            accounts.insertOne(new Document("_id", "account-20").append("tokenHash", "hash-20"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            LedgerEventStorageEngine engine = EventLogFixtures.engine(database);
            assertEveryEventIsThere(engine, EVENTS + 1);
            assertThatThrownBy(() -> engine.appendEvents(EventLogFixtures.event("aggregate-3", 10)))
                    .isInstanceOf(ConcurrencyException.class);
            MongoCollection<Document> accounts = database.getCollection("accounts");
            assertThat(accounts.countDocuments()).isEqualTo(21);
            assertThat(accounts.find(Filters.eq("tokenHash", "hash-20")).first()).containsEntry("_id", "account-20");
        }
    }

    private static void assertEveryEventIsThere(LedgerEventStorageEngine engine, int events) {
        List<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false).toList();
        assertThat(all).hasSize(events);
        assertThat(all.stream().map(m -> ((DomainEventMessage<?>) m).getAggregateIdentifier() + ":"
                                         + ((DomainEventMessage<?>) m).getSequenceNumber()).distinct()).hasSize(events);
        for (int a = 0; a < AGGREGATES; a++) {
            assertThat(engine.readEvents("aggregate-" + a).asStream()).hasSizeGreaterThanOrEqualTo(10);
        }
    }
}
