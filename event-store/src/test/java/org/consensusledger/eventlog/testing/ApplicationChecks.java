package org.consensusledger.eventlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.updates.UpdateChecker;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checks that both applications must pass, written once. */
public final class ApplicationChecks {

    /** Makes Axon behave as in production: under a test runner it would skip its update checker on its own. */
    private static final String AXON_TEST_DETECTION_OFF = "axoniq.usage.force-test-environment";

    private ApplicationChecks() {
    }

    /**
     * Starts {@code application} as it runs in production from a plain {@code java -jar} (no management port: the
     * tests' own is taken away) and watches every outbound connection attempt from start-up until well past the moment
     * Axon's update checker would make its first request (one second after start); meanwhile its one port must show
     * the bare health status, and neither health details nor metrics.
     */
    public static void assertStartsWithoutReachingOut(Class<?> application, String mongoUri) {
        System.setProperty(AXON_TEST_DETECTION_OFF, "true");
        try (OutboundConnectionRecorder recorder = OutboundConnectionRecorder.install();
             ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                     .run("--server.port=0", "--management.server.port=", "--spring.mongodb.uri=" + mongoUri)) {
            assertPublicPortShowsNoDetails(context.getEnvironment().getRequiredProperty("local.server.port",
                                                                                        Integer.class), true);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                   .untilAsserted(() -> assertThat(recorder.attempts()).isEmpty());
            assertThat(context.getBeanNamesForType(UpdateChecker.class)).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            System.clearProperty(AXON_TEST_DETECTION_OFF);
        }
    }

    /**
     * The public port answers a load balancer's {@code /livez} and {@code /readyz} with the status alone, and serves
     * neither health details nor metrics; with {@code actuatorHere} (no management port) its {@code /actuator/health}
     * is the bare status too, else there is no actuator on it at all.
     */
    public static void assertPublicPortShowsNoDetails(int port, boolean actuatorHere)
            throws IOException, InterruptedException {
        JsonNode bare = new ObjectMapper().readTree("{\"status\":\"UP\"}");
        for (String path : List.of("/livez", "/readyz")) {
            HttpResponse<String> response = get(port, path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(response.body())).as(path).isEqualTo(bare);
        }
        if (actuatorHere) {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> response = get(port, path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                // The status, and at the root the names of the health groups: no component, no detail.
                JsonNode health = new ObjectMapper().readTree(response.body());
                assertThat(health.path("status").asText()).as(path).isEqualTo("UP");
                assertThat(health.has("components") || health.has("details")).as(response.body()).isFalse();
            }
        }
        List<String> absent = new ArrayList<>(List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/env"));
        if (!actuatorHere) {
            absent.addAll(List.of("/actuator", "/actuator/health", "/actuator/health/readiness"));
        }
        for (String path : absent) {
            HttpResponse<String> response = get(port, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("eventLog", "components", "# HELP");
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
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
