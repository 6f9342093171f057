package org.consensusledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.web.QueryApiTest;
import org.consensusledger.query.projection.ProcessingInstances;
import org.consensusledger.query.projection.ProjectionProperties;
import org.consensusledger.query.projection.ProjectionStops;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.projection.ReplayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * Readiness reports how far each processor lags; metrics in Prometheus format; both on the management port only, the
 * public port answering the bare status.
 */
class OperationsTest extends QueryApiTest {

    @Test
    void readinessReportsEachProcessorsLag() {
        HttpResponse<String> response = management("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode processors = json(response).path("components").path("projections").path("details")
                                            .path("processors");
        assertThat(processors.has("dossiers") && processors.has("bodies") && processors.has("meetings")
                           && processors.has("organisations")).as(response.body()).isTrue();
        assertThat(processors.path("dossiers").has("lag")).isTrue();
    }

    @Autowired
    private ProcessingInstances instances;

    @Autowired
    private ProjectionStops stops;

    @Test
    void aProcessorFurtherBehindThanTheLimitMakesTheQuerySideNotReady() {
        LedgerEventStorageEngine log = engine(TestMongo.shared().freshDatabase());
        log.appendEvents(IntStream.range(0, 20).mapToObj(i -> event("a", i)).toList());
        Replays behind = new Replays(null, null, null, null, new ReplayProperties(false, 1), new Rebuilds()) {
            @Override
            public List<ProcessorStatus> status() {
                return List.of(new ProcessorStatus("dossiers", false, false, 4L, List.of()));
            }
        };

        assertThat(new ProjectionsHealth(behind, log, new SimpleMeterRegistry(), limit(10), instances, stops)
                           .health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(new ProjectionsHealth(behind, log, new SimpleMeterRegistry(), limit(15), instances, stops)
                           .health().getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void processorsWhosePositionsCannotBeReadMakeTheHealthDownWithTheReasonNotAnError() {
        LedgerEventStorageEngine log = engine(TestMongo.shared().freshDatabase());
        Replays unreadable = new Replays(null, null, null, null, new ReplayProperties(false, 1)) {
            @Override
            public List<ProcessorStatus> status() {
                throw new IllegalStateException("the database cannot be reached");
            }
        };

        var health = new ProjectionsHealth(unreadable, log, new SimpleMeterRegistry(), limit(10), instances, stops)
                .health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("the database cannot be reached");
    }

    private static ProjectionProperties limit(long maxReadyLag) {
        return new ProjectionProperties(maxReadyLag, Duration.ofSeconds(5), Duration.ofSeconds(2), 200,
                                        Duration.ofMillis(20), 10_000);
    }

    @Test
    void thePublicPortAnswersTheBareHealthStatusAndNeitherDetailsNorMetrics() {
        for (String path : List.of("/livez", "/readyz")) {
            HttpResponse<String> probe = get(path);
            assertThat(probe.statusCode()).as(path).isEqualTo(200);
            assertThat(json(probe)).as(path).isEqualTo(json("{\"status\":\"UP\"}"));
        }
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                                   "/actuator")) {
            HttpResponse<String> refused = get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain("projections", "ledger_");
        }
        assertThat(json(management("/actuator/health")).path("components").has("projections")).isTrue();
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        get("/api/public/bodies");

        HttpResponse<String> response = management("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ledger_log_head", "ledger_projection_lag{processor=\"dossiers\"}",
                                             "ledger_projection_position{processor=\"bodies\"}",
                                             "ledger_projection_events_total{processor=\"dossiers\"}",
                                             "http_server_requests_seconds_bucket");
    }
}
