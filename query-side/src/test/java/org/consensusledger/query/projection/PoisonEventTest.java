package org.consensusledger.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a read model cannot take in stops its processor at that event: nothing after it is taken in, readiness
 * is DOWN naming the processor, the position and the error, a metric counts it, the site shows a banner and the API a
 * header; once the cause is gone, the processor takes the event in and everything after it. The poison is made by
 * the test: a handler in the meetings read model that fails on one meeting while {@link Poisoned#failing} is set.
 * Its own application and database: the stop must not touch the other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "ledger.projections.token-claim-interval=200ms")
@Import(PoisonEventTest.Poisoned.class)
class PoisonEventTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private EventStore events;

    @Autowired
    private LedgerEventStorageEngine log;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
    }

    /** A handler of the meetings read model that cannot take in a meeting titled "Poison…" while failing. */
    @ProcessingGroup("meetings")
    static class Poisoned {

        static volatile boolean failing = true;

        @EventHandler
        void on(MeetingScheduled event) {
            if (failing && event.title().startsWith("Poison")) {
                throw new IllegalStateException("the test's poison: " + event.title());
            }
        }
    }

    @Test
    void aProcessorStopsAtAnEventItCannotTakeInSaysSoEverywhereAndGoesOnOnceFixed() throws Exception {
        String body = "body-" + UUID.randomUUID();
        String before = "meeting-before-" + UUID.randomUUID();
        String poison = "meeting-poison-" + UUID.randomUUID();
        String after = "meeting-after-" + UUID.randomUUID();
        publish("Body", body, 0, new BodyEstablished(body, "Plenary", BodyKind.PLENARY, null, "Decide"));
        publish("Meeting", before, 0, meeting(before, body, "Before"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/public/meetings/" + before).statusCode() == 200);
        long poisonAt = log.nextGlobalPosition();
        publish("Meeting", poison, 0, meeting(poison, body, "Poison"));
        publish("Meeting", after, 0, meeting(after, body, "After"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> readiness = management("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            // A load balancer on the public port sees the status alone.
            HttpResponse<String> publicReadiness = get("/readyz");
            assertThat(publicReadiness.statusCode()).isEqualTo(503);
            assertThat(publicReadiness.body()).doesNotContain("meetings");
            JsonNode stopped = JSON.readTree(readiness.body()).path("components").path("projections")
                                   .path("details").path("stopped").path(0);
            assertThat(stopped.path("processor").asText()).isEqualTo("meetings");
            assertThat(stopped.path("position").asLong()).isEqualTo(poisonAt);
            assertThat(stopped.path("error").asText()).contains("the test's poison: Poison");
        });
        // Nothing after the poison is taken in by that read model; the others go on.
        assertThat(get("/api/public/meetings/" + poison).statusCode()).isEqualTo(404);
        assertThat(get("/api/public/meetings/" + after).statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/public/bodies/" + body).body().contains(after));
        HttpResponse<String> api = get("/api/public/bodies/" + body);
        assertThat(api.headers().firstValue("Public-Record-Behind-Since")).hasValue(Long.toString(poisonAt));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/").body())
                .contains("This public record is incomplete.")
                .contains("from position " + String.format("%,d", poisonAt) + " on"));
        String metrics = management("/actuator/prometheus").body();
        assertThat(metrics).contains("ledger_projection_stopped_at{processor=\"meetings\"} " + poisonAt + ".0")
                           .containsPattern("ledger_projection_failures_total\\{processor=\"meetings\"} [1-9]");
        // The processor keeps trying and does not pass the event meanwhile.
        long attempts = attempts();
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts() > attempts);
        assertThat(get("/api/public/meetings/" + after).statusCode()).isEqualTo(404);

        Poisoned.failing = false;

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(get("/api/public/meetings/" + poison).statusCode()).isEqualTo(200);
            assertThat(get("/api/public/meetings/" + after).statusCode()).isEqualTo(200);
            assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get("/api/public/bodies/" + body).headers().firstValue("Public-Record-Behind-Since"))
                    .isEmpty();
            assertThat(get("/").body()).doesNotContain("This public record is incomplete.");
        });
        assertThat(management("/actuator/prometheus").body())
                .contains("ledger_projection_stopped_at{processor=\"meetings\"} -1.0");
    }

    private long attempts() throws IOException, InterruptedException {
        return JSON.readTree(management("/actuator/health/readiness").body()).path("components").path("projections")
                   .path("details").path("stopped").path(0).path("attempts").asLong();
    }

    private static MeetingScheduled meeting(String id, String body, String title) {
        return new MeetingScheduled(id, body, title, Instant.parse("2026-05-01T09:00:00Z"), MeetingFormat.VIRTUAL,
                                    null);
    }

    private void publish(String type, String id, long sequence, Object payload) {
        events.publish(new GenericDomainEventMessage<>(type, id, sequence, payload));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(port, path);
    }

    private HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(managementPort, path);
    }

    private static HttpResponse<String> send(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
