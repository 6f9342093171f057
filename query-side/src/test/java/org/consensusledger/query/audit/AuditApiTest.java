package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/** The audit export over HTTP, against the started query side: the log in order, exactly as stored. */
class AuditApiTest extends QueryApiTest {

    @Autowired
    private LedgerEventStorageEngine log;

    private String aggregate;
    private long start;

    @BeforeEach
    void threeEventsOfOneAggregateAndOneOfAnother() {
        aggregate = UUID.randomUUID().toString();
        start = log.nextGlobalPosition();
        log.appendEvents(event(aggregate, 0), event(aggregate, 1));
        log.appendEvents(event("other-" + aggregate, 0));
        log.appendEvents(event(aggregate, 2));
    }

    @Test
    void theExportStreamsEveryEventInPositionOrderAsNdjson() throws Exception {
        // Once the log's Merkle tree holds them, each line also carries its leaf hash.
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/audit/events?from=" + start),
                exported -> lines(exported.body()).stream().allMatch(line -> line.has("leafHash")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = lines(response.body());
        assertThat(lines).extracting(line -> line.path("globalPosition").asLong())
                         .containsExactly(start, start + 1, start + 2, start + 3);
        assertThat(lines).extracting(line -> line.path("aggregateId").asText())
                         .containsExactly(aggregate, aggregate, "other-" + aggregate, aggregate);
        assertThat(lines.get(0).path("payload").path("text").asText()).isEqualTo(aggregate + " #0");
        assertThat(lines.get(0).fieldNames()).toIterable().containsExactly(
                "globalPosition", "eventId", "aggregateType", "aggregateId", "sequenceNumber", "payloadType",
                "payloadRevision", "timestamp", "payload", "metadata", "leafHash");
    }

    @Test
    void fromAndLimitSelectAWindow() throws Exception {
        List<JsonNode> lines = lines(get("/api/audit/events?from=" + (start + 1) + "&limit=2").body());

        assertThat(lines).extracting(line -> line.path("globalPosition").asLong())
                         .containsExactly(start + 1, start + 2);
    }

    @Test
    void oneAggregatesStreamInSequenceOrder() throws Exception {
        List<JsonNode> lines = lines(get("/api/audit/aggregates/" + aggregate + "/events").body());

        assertThat(lines).extracting(line -> line.path("sequenceNumber").asLong()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void badParametersAndUnknownIdsAreProblems() throws Exception {
        for (String path : List.of("/api/audit/events?from=-1", "/api/audit/events?from=abc",
                                   "/api/audit/events?limit=0")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path + ": " + response.body())
                                                                     .contains("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("detail").asText()).as(path).containsAnyOf("from", "limit");
        }
        HttpResponse<String> unknown = get("/api/audit/aggregates/" + UUID.randomUUID() + "/events");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("type").asText())
                .isEqualTo("urn:consensus-ledger:problem:unknown-aggregate");
    }

    private static List<JsonNode> lines(String body) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(json(line));
            }
        }
        return lines;
    }
}
