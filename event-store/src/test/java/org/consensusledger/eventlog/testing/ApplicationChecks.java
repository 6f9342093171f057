package org.consensusledger.eventlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.updates.UpdateChecker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checks that both applications must pass, written once. */
public final class ApplicationChecks {

    /** Makes Axon behave as in production: under a test runner it would skip its update checker on its own. */
    private static final String AXON_TEST_DETECTION_OFF = "axoniq.usage.force-test-environment";

    private ApplicationChecks() {
    }

    /**
     * Starts {@code application} as it runs in production and watches every outbound connection attempt from start-up
     * until well past the moment Axon's update checker would make its first request (one second after start).
     */
    public static void assertStartsWithoutReachingOut(Class<?> application, String mongoUri) {
        System.setProperty(AXON_TEST_DETECTION_OFF, "true");
        try (OutboundConnectionRecorder recorder = OutboundConnectionRecorder.install();
             ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                     .run("--server.port=0", "--spring.mongodb.uri=" + mongoUri)) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                   .untilAsserted(() -> assertThat(recorder.attempts()).isEmpty());
            assertThat(context.getBeanNamesForType(UpdateChecker.class)).isEmpty();
        } finally {
            System.clearProperty(AXON_TEST_DETECTION_OFF);
        }
    }

    /** The application's health document, read over HTTP as a load balancer or the launcher reads it. */
    public static JsonNode health(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
