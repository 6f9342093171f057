package org.consensusledger.eventlog.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.RawBsonDocument;
import org.consensusledger.eventlog.CommitDocuments;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.JournaledWrites;
import org.consensusledger.eventlog.LedgerSerializers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The server alone: this engine's documents, encoded before the clock starts, stored (journaled, as the engine
 * stores them) by one thread with one request in flight, as gap-free positions require. Nothing is serialized while measuring, so this is the most any writer of
 * such documents gets from the server on this machine, whatever its clients do.
 */
final class Ceiling {

    /** How the documents are sent: units of one event each, so many to a request or so many to a document. */
    record Shape(String label, int unitsPerDocument, int documentsPerRequest) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("1 unit per document, 1 document per insert", 1, 1),
            new Shape("1 unit per document, 8 documents per insertMany", 1, 8),
            new Shape("8 units per document, 1 document per insert", 8, 1));

    record Outcome(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    private Ceiling() {
    }

    static Outcome measure(MongoClient client, String databaseName, Shape shape, int events, Duration budget) {
        MongoDatabase database = client.getDatabase(databaseName);
        try {
            CommitDocuments.createIndexes(database);
            // Journaled, as the engine writes: on H2 each request waits for its file commit.
            MongoCollection<RawBsonDocument> commits = JournaledWrites.of(database)
                                                                      .getCollection(EventLogSchema.COMMITS,
                                                                                     RawBsonDocument.class);
            List<RawBsonDocument> documents = documents(shape, events);
            long deadline = System.nanoTime() + budget.toNanos();
            long start = System.nanoTime();
            long stored = 0;
            for (int from = 0; from < documents.size() && System.nanoTime() < deadline;
                 from += shape.documentsPerRequest()) {
                List<RawBsonDocument> request = documents.subList(from, Math.min(documents.size(),
                                                                                 from + shape.documentsPerRequest()));
                if (request.size() == 1) {
                    commits.insertOne(request.get(0));
                } else {
                    commits.insertMany(request);
                }
                stored += (long) request.size() * shape.unitsPerDocument();
            }
            return new Outcome(stored, (System.nanoTime() - start) / 1e9);
        } finally {
            database.drop();
        }
    }

    private static List<RawBsonDocument> documents(Shape shape, int events) {
        Serializer serializer = LedgerSerializers.serializer();
        BenchEvents.Pool pool = new BenchEvents.Pool("ceiling", events);
        List<RawBsonDocument> documents = new ArrayList<>();
        Instant now = Instant.now();
        for (int first = 0; first < events; first += shape.unitsPerDocument()) {
            List<List<? extends EventMessage<?>>> units = new ArrayList<>();
            for (int i = first; i < Math.min(events, first + shape.unitsPerDocument()); i++) {
                units.add(List.of(pool.nextEvent(i, now)));
            }
            documents.add(CommitDocuments.of(units, first, serializer));
        }
        return documents;
    }
}
