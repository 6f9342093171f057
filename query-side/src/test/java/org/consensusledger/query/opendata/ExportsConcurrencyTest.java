package org.consensusledger.query.opendata;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An earlier checkpoint's export being made holds up neither the latest export nor the server: the latest is answered
 * while it is folded, the same earlier size is folded once for every request that asks for it meanwhile, and another
 * earlier size is answered 503 with Retry-After instead of waiting. The fold is held by a latch, not by timing.
 */
class ExportsConcurrencyTest extends QueryApiTest {

    @Autowired
    private Exports exports;
    @Autowired
    private Checkpoints checkpoints;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theLatestExportIsAnsweredWhileAnEarlierOneIsFoldedAndEachEarlierSizeIsFoldedOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = "oc-" + i + "-" + run;
            append("Body", body, new BodyEstablished(body, "Concurrency " + i, BodyKind.PLENARY, null, "Test"));
            long before = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> checkpoints.signIfGrown().map(Checkpoints.Signed::size).orElse(0L) > before);
            sizes.add(checkpoints.latest().orElseThrow().size());
        }
        assertThat(send("/api/open-data/bodies.csv").statusCode()).isEqualTo(200); // the latest fold is past both
        long held = sizes.get(0);
        long other = sizes.get(1);

        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<Long, Integer> folds = new ConcurrentHashMap<>();
        exports.beforeEarlierFold(size -> {
            folds.merge(size, 1, Integer::sum);
            if (size == held) {
                entered.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            CompletableFuture<HttpResponse<String>> first = sendAsync("/api/open-data/bodies.csv?at=" + held);
            assertThat(entered.await(30, TimeUnit.SECONDS)).as("the earlier fold began").isTrue();

            // While it is held: the latest export is answered,
            HttpResponse<String> latest = send("/api/open-data/bodies.csv");
            assertThat(latest.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(latest.headers().firstValue("Ledger-Tree-Size").orElseThrow()))
                    .isGreaterThan(held);
            // another earlier size is refused in words with Retry-After, without waiting,
            HttpResponse<String> busy = send("/api/open-data/bodies.csv?at=" + other);
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(busy.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(busy.body()).path("detail").asText()).contains("Try again in");
            // and a second request for the same size waits for the fold under way rather than folding again.
            CompletableFuture<HttpResponse<String>> second = sendAsync("/api/open-data/bodies.csv?at=" + held);
            await().atMost(Duration.ofSeconds(30)).until(() -> exports.waiters() == 1);
            assertThat(first).isNotDone();

            release.countDown();
            for (HttpResponse<String> response : List.of(first.get(30, TimeUnit.SECONDS),
                                                         second.get(30, TimeUnit.SECONDS))) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Ledger-Tree-Size")).hasValue(Long.toString(held));
                assertThat(response.body()).contains("oc-0-" + run).doesNotContain("oc-1-" + run);
            }
            assertThat(send("/api/open-data/organisations.csv?at=" + held).statusCode()).isEqualTo(200); // kept
            assertThat(folds.get(held)).isEqualTo(1);
            // Once it is made, the other earlier size is made too (from the nearest snapshot below it).
            HttpResponse<String> later = send("/api/open-data/bodies.csv?at=" + other);
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(later.body()).contains("oc-0-" + run, "oc-1-" + run).doesNotContain("oc-2-" + run);
        } finally {
            release.countDown();
            exports.beforeEarlierFold(null);
        }
    }

    private HttpResponse<String> send(String path) throws Exception {
        return sendAsync(path).get(30, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                           .timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
    }
}
