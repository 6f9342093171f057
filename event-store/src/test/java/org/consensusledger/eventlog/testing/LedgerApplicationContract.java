package org.consensusledger.eventlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What both applications must do, tested over HTTP against the started application: answer their health check with
 * the event log they are connected to on the management port, and the bare status alone on the public port; and start
 * as a plain {@code java -jar} without any outbound connection attempt, showing no details there either. Each
 * application's test module extends it once (the Spring Boot application is found from the subclass's package).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LedgerApplicationContract {

    /** The shared server: Spring keeps this context until the JVM exits, so the server must outlive the class. */
    static final TestMongo MONGO = TestMongo.shared();

    @Value("${local.server.port}")
    private int port;

    /** The actuator's own port (the tests' {@code management.server.port=0}). */
    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EventStore eventStore;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO.connectionString(TestMongo.freshDatabaseName()));
    }

    /** The application's {@code @SpringBootApplication} class. */
    protected abstract Class<?> application();

    @Test
    void answersItsHealthCheckWithTheEventLogItIsConnectedTo() throws Exception {
        JsonNode before = ApplicationChecks.health(managementPort);
        assertThat(before.path("status").asText()).isEqualTo("UP");
        assertThat(eventsIn(before)).isZero();

        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-1", 0, "stored"));

        assertThat(eventsIn(ApplicationChecks.health(managementPort))).isEqualTo(1);
    }

    @Test
    void thePublicPortAnswersTheBareStatusAndNoDetailsNorMetrics() throws Exception {
        ApplicationChecks.assertPublicPortShowsNoDetails(port, false);
    }

    @Test
    void theManagementPortAnswersWhatItDoesNotHaveWithAProblem() throws Exception {
        for (String path : List.of("/actuator/nothing", "/nothing", "/actuator/health/nothing")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = new ObjectMapper().readTree(response.body());
            assertThat(problem.path("type").asText()).as(response.body()).endsWith(":not-found");
            assertThat(problem.path("detail").asText()).as(response.body()).isNotBlank();
        }
    }

    @Test
    void startsAsAPlainJarWithoutReachingOutNorShowingDetailsOrMetrics() {
        ApplicationChecks.assertStartsWithoutReachingOut(application(),
                                                         MONGO.connectionString(TestMongo.freshDatabaseName()));
    }

    private static long eventsIn(JsonNode health) {
        return health.path("components").path("eventLog").path("details").path("events").asLong();
    }
}
