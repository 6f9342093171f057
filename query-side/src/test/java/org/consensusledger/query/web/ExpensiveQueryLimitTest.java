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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit on expensive queries per client address, with a small limit and a clock the test moves. No proxy is
 * trusted (the default), so the {@code X-Forwarded-For} each request sends with another address is ignored: all count
 * for the connection's address. Its own application and database: the other HTTP tests run far from the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.rate-limits.expensive-queries.capacity=3", "ledger.rate-limits.expensive-queries.window=1m"})
class ExpensiveQueryLimitTest {

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
