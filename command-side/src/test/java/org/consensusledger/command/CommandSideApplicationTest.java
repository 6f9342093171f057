package org.consensusledger.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.eventlog.testing.ApplicationChecks;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandSideApplicationTest {

    private static final TestMongo MONGO = TestMongo.start();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private EventStore eventStore;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.connectionString(TestMongo.freshDatabaseName()));
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    void answersItsHealthCheckWithTheEventLogItIsConnectedTo() throws Exception {
        JsonNode before = ApplicationChecks.health(port);
        assertThat(before.path("status").asText()).isEqualTo("UP");
        assertThat(before.path("components").path("eventLog").path("details").path("events").asLong()).isZero();

        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-1", 0, "stored"));

        JsonNode after = ApplicationChecks.health(port);
        assertThat(after.path("components").path("eventLog").path("details").path("events").asLong()).isEqualTo(1);
    }

    @Test
    void startsWithoutAnyOutboundConnectionAttempt() {
        ApplicationChecks.assertStartsWithoutReachingOut(CommandSideApplication.class,
                                                         MONGO.connectionString(TestMongo.freshDatabaseName()));
    }
}
