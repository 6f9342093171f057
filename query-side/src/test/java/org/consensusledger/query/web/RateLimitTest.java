package org.consensusledger.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.web.ManualClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's rate limits: expensive queries per client address, and failed tokens on the administration per
 * client address; with small limits and a clock the test moves (each test first lets a window pass, so that it starts
 * with full buckets). No proxy is trusted (the default), so the {@code X-Forwarded-For} each request sends with another
 * address is ignored: all count for the connection's address. Its own application and database: the other HTTP tests
 * run far from the limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.rate-limits.expensive-queries.capacity=3", "ledger.rate-limits.expensive-queries.window=1m",
        "ledger.rate-limits.failed-authentication.capacity=3", "ledger.rate-limits.failed-authentication.window=1m"})
class RateLimitTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final String AS_OF = "asOf=2026-01-01T00:00:00Z";

    @TestConfiguration
    static class Clock {
        @Bean
        ManualClock rateLimitClock() {
            return new ManualClock();
        }
    }

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private ManualClock clock;

    private int forwarded;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
    }

    @Test
    void viewsAsOfSearchesAndExportsAreLimitedPerAddressThenAnsweredAgainAfterTheWindow() throws IOException {
        clock.advance(Duration.ofMinutes(1));
        assertThat(get("/api/public/bodies?" + AS_OF).statusCode()).isEqualTo(200);
        assertThat(get("/api/public/proposals?q=water").statusCode()).isEqualTo(200);
        assertThat(get("/proposals?q=water").statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/public/bodies").statusCode()).as("the live list is not counted").isEqualTo(200);
        }

        HttpResponse<String> refused = get("/api/public/proposals?" + AS_OF);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).as("one back every 60 s / 3").hasValue("20");
        JsonNode problem = new ObjectMapper().readTree(refused.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:consensus-ledger:problem:too-many-requests");
        assertThat(problem.path("detail").asText()).isEqualTo("Too many expensive queries (views as of a past instant, "
                                                                      + "searches, exports) from this address; try "
                                                                      + "again in 20 seconds");
        assertThat(get("/api/open-data/proposals.csv").statusCode()).as("an export").isEqualTo(429);
        assertThat(get("/api/audit/events").statusCode()).as("the audit log's export").isEqualTo(429);
        assertThat(get("/api/audit/events?from=0&limit=1").statusCode()).as("one event, as a verifier fetches it")
                                                                         .isEqualTo(200);

        HttpResponse<String> page = get("/proposals?q=rivers");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(page.body()).contains("Too many views of the past and searches came from your address; please try "
                                                 + "again in 20 seconds.");
        assertThat(get("/proposals?q=lakes", "Accept-Language", "es").body())
                .contains("vuelva a intentarlo dentro de 20 segundos");
        assertThat(get("/api/public/bodies").statusCode()).isEqualTo(200);
        assertThat(get("/proposals?q=water").statusCode()).as("a page the site's cache holds costs nothing")
                                                        .isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));

        assertThat(get("/api/public/proposals?" + AS_OF).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpensiveQueryCountsHoweverItsPathOrParametersAreWritten() {
        List<String> disguised = List.of("/api/open-data/bodies.csv;x", "/api/open-data/popolo.json;x",
                                         "/api/audit/events;x", "/api/%61udit/events",
                                         "/api/open-data/proposals%2Ecsv", "/api/public/proposals?q=&q=Principle",
                                         "/api/audit/events?limit=1&limit=100000", "/proposals?q=&q=Principle");
        for (String path : disguised) {
            clock.advance(Duration.ofMinutes(1));
            for (int i = 0; i < 3; i++) {
                // Each once more: the site's page cache answers a page it holds without counting.
                assertThat(get(path + (path.startsWith("/proposals") ? i : "")).statusCode()).as(path).isNotEqualTo(429);
            }
            HttpResponse<String> refused = get("/api/public/proposals?" + AS_OF);
            assertThat(refused.statusCode()).as(path + " counted").isEqualTo(429);
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            get("/api/public/proposals?" + AS_OF);
        }
        assertThat(get("/%61pi/public/proposals;x?" + AS_OF).headers().firstValue("Content-Type"))
                .as("the API's refusal is a problem however its path is written")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void parallelWrongTokensOnTheAdministrationGetNoMoreThanTheLimitOf401s() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 60; i++) {
                String path = i % 2 == 0 ? "/api/admin/replay" : "/api/%61dmin/replay;x";
                String token = "wrong-token-" + i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return get(path, "Authorization", "Bearer " + token);
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            assertThat(statuses).isEqualTo(Map.of(401, 3, 429, 57));
        } finally {
            threads.shutdownNow();
        }

        HttpResponse<String> refused = get("/api/admin/replay", "Authorization", "Bearer another-wrong-token");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).as("one back every 60 s / 3").hasValue("20");
        assertThat(new ObjectMapper().readTree(refused.body()).path("detail").asText())
                .isEqualTo("Too many failed authentication attempts from this address; try again in 20 seconds");
        assertThat(get("/api/public/bodies", "Authorization", "Bearer wrong").statusCode())
                .as("only the administration takes a token").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        assertThat(get("/api/admin/replay", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    /** Each request claims to come from another address; with no trusted proxy the claim is ignored. */
    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                 .header("X-Forwarded-For", "198.51.100." + (++forwarded % 250 + 1));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
