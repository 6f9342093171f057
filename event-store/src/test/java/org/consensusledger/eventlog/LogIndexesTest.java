package org.consensusledger.eventlog;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine on a log already indexed asks for no index: the query side's database user in the docker set-up may only
 * read the event log, and would be refused a {@code createIndexes} on it even for indexes that exist.
 */
class LogIndexesTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    @Test
    void onlyTheFirstEngineOnALogCreatesItsIndexes() {
        List<String> commands = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName());
            }
        };
        String database = TestMongo.freshDatabaseName();
        try (MongoClient client = MongoClients.create(
                MongoClientSettings.builder().applyConnectionString(new ConnectionString(
                        MONGO.connectionString(database))).addCommandListener(listener).build())) {
            MongoDatabase log = client.getDatabase(database);

            EventLogFixtures.engine(log);
            assertThat(commands).contains("createIndexes");
            assertThat(names(log)).contains(EventLogSchema.STREAM_KEYS_INDEX, EventLogSchema.TIMESTAMP_INDEX);

            commands.clear();
            EventLogFixtures.engine(log).appendEvents(EventLogFixtures.event("indexed", 0));
            assertThat(commands).contains("listIndexes", "insert").doesNotContain("createIndexes");
        }
    }

    private static List<String> names(MongoDatabase database) {
        return database.getCollection(EventLogSchema.COMMITS, BsonDocument.class).listIndexes(BsonDocument.class)
                       .map(index -> index.getString("name").getValue()).into(new java.util.ArrayList<>());
    }
}
