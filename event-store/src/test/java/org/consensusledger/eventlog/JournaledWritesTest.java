package org.consensusledger.eventlog;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournaledWritesTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    private final MongoDatabase database = MONGO.freshDatabase();

    @Test
    void journaledWritesKeepTheConnectionsWriteConcernAndRefuseUnacknowledgedOnes() {
        assertThat(JournaledWrites.of(database.withWriteConcern(WriteConcern.MAJORITY)).getWriteConcern())
                .isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThatThrownBy(() -> JournaledWrites.of(database.withWriteConcern(WriteConcern.UNACKNOWLEDGED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("w=0");
    }
}
