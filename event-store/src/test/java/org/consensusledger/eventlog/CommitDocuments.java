package org.consensusledger.eventlog;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.RawBsonDocument;

import java.util.List;

/** The engine's stored documents, built ahead of time, for the benchmark's measure of the server alone. */
public final class CommitDocuments {

    private CommitDocuments() {
    }

    /** The document this engine stores for {@code units} appended together, first event at {@code position}. */
    public static RawBsonDocument of(List<List<? extends EventMessage<?>>> units, long position,
                                     Serializer serializer) {
        return CommitDocument.of(units.stream().map(unit -> PreparedCommit.of(unit, serializer)).toList(), position);
    }

    /** Creates the indexes of the engine's collections, as the engine does when it starts. */
    public static void createIndexes(MongoDatabase database) {
        EventLogSchema.createIndexes(database);
    }
}
