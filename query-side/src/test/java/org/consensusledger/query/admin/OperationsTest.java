package org.consensusledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/** Readiness reports how far each processor lags; metrics in Prometheus format. */
class OperationsTest extends QueryApiTest {

    @Test
    void readinessReportsEachProcessorsLag() {
        HttpResponse<String> response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode processors = json(response).path("components").path("projections").path("details")
                                            .path("processors");
        assertThat(processors.has("dossiers") && processors.has("bodies") && processors.has("meetings")
                           && processors.has("organisations")).as(response.body()).isTrue();
        assertThat(processors.path("dossiers").has("lag")).isTrue();
    }

    @Test
    void aProcessorFurtherBehindThanTheLimitMakesTheQuerySideNotReady() {
        LedgerEventStorageEngine log = engine(TestMongo.shared().freshDatabase());
        log.appendEvents(IntStream.range(0, 20).mapToObj(i -> event("a", i)).toList());
        Replays behind = new Replays(null, null) {
            @Override
            public List<ProcessorStatus> status() {
                return List.of(new ProcessorStatus("dossiers", false, false, 4L));
            }
        };

        assertThat(new ProjectionsHealth(behind, log, new SimpleMeterRegistry(), 10).health().getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(new ProjectionsHealth(behind, log, new SimpleMeterRegistry(), 15).health().getStatus())
                .isEqualTo(Status.UP);
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        get("/api/public/bodies");

        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ledger_log_head", "ledger_projection_lag{processor=\"dossiers\"}",
                                             "ledger_projection_position{processor=\"bodies\"}",
                                             "http_server_requests_seconds_bucket");
    }
}
