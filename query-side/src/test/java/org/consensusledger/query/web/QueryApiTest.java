package org.consensusledger.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.consensusledger.eventlog.testing.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Base of the query side's HTTP tests: the started application on the embedded server (or {@code MONGODB_URI}),
 * fed through its event store as the command side would feed the log. All subclasses share one application and one
 * database, so tests use ids of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QueryApiTest {

    private static final String DATABASE = TestMongo.freshDatabaseName();
    protected static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    protected int port;

    /** The actuator's own port (the tests' {@code management.server.port=0}): health details and metrics. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected EventStore eventStore;

    private final Map<String, Long> sequences = new HashMap<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> TestMongo.shared().connectionString(DATABASE));
    }

    /** Appends one event to the aggregate's stream, as the command side would. */
    protected void append(String aggregateType, String aggregateId, Object payload) {
        append(aggregateType, aggregateId, payload, Map.of());
    }

    /** Appends one event with metadata (e.g. {@code recordedBy}), as the command side would. */
    protected void append(String aggregateType, String aggregateId, Object payload, Map<String, ?> metaData) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                                                           MetaData.from(metaData)));
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(port, path, headers);
    }

    /** A request to the management port, where health details and metrics are. */
    protected HttpResponse<String> management(String path) {
        return send(managementPort, path);
    }

    private static HttpResponse<String> send(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** A site page once it answers 200 and {@code ready} holds for it (the read models follow the log a moment later). */
    protected String awaitPage(String path, Predicate<String> ready) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> response = get(path, "Accept", "text/html");
            return response.statusCode() == 200 ? response.body() : "";
        }, ready);
    }
}
