package org.consensusledger.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.query.admin.Replays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-side instances on one database share the processing: each holds part of every processor's segments,
 * every event is handled exactly once per processor over both, and both serve the same read models. When one stops,
 * the other takes over all segments. A first start on a long log builds the read models in one pass.
 */
class ScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROCESSORS = List.of("bodies", "dossiers", "meetings", "organisations");
    private static final int BODIES = 40;

    private final String database = TestMongo.freshDatabaseName();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @Test
    void twoInstancesSplitTheSegmentsProjectEachEventOnceAndBothServe() {
        ConfigurableApplicationContext a = start("a");
        ConfigurableApplicationContext b = start("b");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String processor : PROCESSORS) {
                List<Integer> inA = segmentsHere(a, processor);
                List<Integer> inB = segmentsHere(b, processor);
                assertThat(inA).as(processor + " in a").isNotEmpty();
                assertThat(inB).as(processor + " in b").isNotEmpty();
                Set<Integer> all = new HashSet<>(inA);
                all.addAll(inB);
                assertThat(all).as(processor + ": disjoint and complete").hasSize(inA.size() + inB.size())
                               .hasSize(ProjectionSetup.INITIAL_SEGMENTS);
            }
        });

        appendBodiesWithAProposalEach(a, 0);
        Map<String, Integer> expected = Map.of("organisations", BODIES, "bodies", 2 * BODIES,
                                               "dossiers", BODIES, "meetings", BODIES);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String processor : PROCESSORS) {
                assertThat(handled(a, processor) + handled(b, processor)).as(processor)
                        .isEqualTo(expected.get(processor));
            }
        });
        for (String processor : PROCESSORS) {
            assertThat(handled(a, processor)).as(processor + " handled in a").isPositive();
            assertThat(handled(b, processor)).as(processor + " handled in b").isPositive();
        }
        for (int i = 0; i < BODIES; i++) {
            String dossier = "/api/public/proposals/p-" + i;
            assertThat(json(get(a, dossier))).isEqualTo(json(get(b, dossier)));
            assertThat(json(get(a, dossier)).path("bodyId").asText()).isEqualTo("body-" + i);
        }
        assertThat(json(get(a, "/api/public/bodies"))).hasSize(BODIES).isEqualTo(json(get(b, "/api/public/bodies")));
        assertThat(readiness(a).path("status").asText()).isEqualTo("UP");
        assertThat(readiness(b).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void whenOneInstanceStopsTheOtherTakesOverAllSegments() {
        ConfigurableApplicationContext a = start("a");
        ConfigurableApplicationContext b = start("b");
        await().atMost(Duration.ofSeconds(30))
               .until(() -> !segmentsHere(b, "dossiers").isEmpty() && !segmentsHere(a, "dossiers").isEmpty());

        b.close();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String processor : PROCESSORS) {
                assertThat(segmentsHere(a, processor)).as(processor).hasSize(ProjectionSetup.INITIAL_SEGMENTS);
            }
        });
        appendBodiesWithAProposalEach(a, 0);

        await().atMost(Duration.ofSeconds(30)).until(() -> handled(a, "dossiers") == BODIES);
        assertThat(json(get(a, "/api/public/proposals?size=100")).path("total").asInt()).isEqualTo(BODIES);
    }

    @Test
    void aFirstStartOnALongLogBuildsTheReadModelsInOnePassThenProcessesAsUsual() {
        LedgerEventStorageEngine log = EventLogFixtures.engine(TestMongo.shared().newClient().getDatabase(database));
        appendBodiesWithAProposalEach(event -> log.appendEvents(List.of(event)), 0);

        ConfigurableApplicationContext a = start("a", "--ledger.projections.first-start-rebuild-above=100");

        await().atMost(Duration.ofSeconds(30)).until(
                () -> json(get(a, "/api/public/proposals?size=100")).path("total").asInt() == BODIES);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.getBean(Replays.class).rebuilding().isDone());
        assertThat(a.getBean(Replays.class).rebuiltUpTo()).hasValue(3L * BODIES - 1);
        int handledBefore = handled(a, "dossiers");

        appendBodiesWithAProposalEach(a, BODIES);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(a, "dossiers") == handledBefore + BODIES);
        assertThat(json(get(a, "/api/public/proposals?size=100")).path("total").asInt()).isEqualTo(2 * BODIES);
    }

    @Test
    void aFirstStartOnAShortLogLeavesTheWorkToTheProcessors() {
        LedgerEventStorageEngine log = EventLogFixtures.engine(TestMongo.shared().newClient().getDatabase(database));
        appendBodiesWithAProposalEach(event -> log.appendEvents(List.of(event)), 0);

        ConfigurableApplicationContext a = start("a");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled(a, "dossiers") == BODIES);
        assertThat(a.getBean(Replays.class).rebuiltUpTo()).isEmpty();
    }

    @Test
    void aStartOnReadModelsOfAnotherShapeRebuildsThemFromTheLogAndRecordsTheNewShape() {
        ConfigurableApplicationContext first = start("a");
        appendBodiesWithAProposalEach(first, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled(first, "dossiers") == BODIES);
        first.close();
        // As an older version left them: its shape, and a document of that shape.
        com.mongodb.client.MongoDatabase stored = TestMongo.shared().newClient().getDatabase(database);
        stored.getCollection("read_model_shape").replaceOne(
                com.mongodb.client.model.Filters.eq("_id", "shape"),
                new org.bson.Document("_id", "shape").append("version", 1));
        stored.getCollection("public_meetings").insertOne(new org.bson.Document("_id", "left-by-version-1"));

        ConfigurableApplicationContext upgraded = start("b");

        await().atMost(Duration.ofSeconds(30)).until(
                () -> upgraded.getBean(Replays.class).rebuiltUpTo().isPresent());
        assertThat(upgraded.getBean(Replays.class).rebuiltUpTo()).hasValue(3L * BODIES - 1);
        assertThat(stored.getCollection("public_meetings")
                         .countDocuments(com.mongodb.client.model.Filters.eq("_id", "left-by-version-1")))
                .as("the read models were emptied and rebuilt from the log").isZero();
        assertThat(stored.getCollection("read_model_shape").find().first().getInteger("version"))
                .isEqualTo(5); // issue 23's public_latest_decisions
        assertThat(json(get(upgraded, "/api/public/proposals?size=100")).path("total").asInt()).isEqualTo(BODIES);
    }

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(String name, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.mongodb.uri=" + TestMongo.shared().connectionString(database),
                "--ledger.node-id=query-side-" + name,
                "--ledger.projections.token-claim-interval=200ms",
                "--ledger.projections.heartbeat-interval=200ms"));
        arguments.addAll(List.of(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class).run(
                arguments.toArray(String[]::new));
        instances.add(context);
        return context;
    }

    private static void appendBodiesWithAProposalEach(ConfigurableApplicationContext instance, int from) {
        appendBodiesWithAProposalEach(instance.getBean(EventStore.class)::publish, from);
    }

    private static void appendBodiesWithAProposalEach(Consumer<EventMessage<?>> events, int from) {
        Instant at = Instant.parse("2026-03-04T09:00:00Z");
        IntStream.range(from, from + BODIES).forEach(i -> {
            events.accept(new GenericDomainEventMessage<>("Organisation", "org-" + i, 0, new OrganisationRegistered(
                    "org-" + i, "Organisation " + i, StakeholderGroup.ACADEMIA, null)));
            events.accept(new GenericDomainEventMessage<>("Body", "body-" + i, 0, new BodyEstablished(
                    "body-" + i, "Body " + i, BodyKind.WORKING_GROUP, null, "Mandate " + i)));
            events.accept(new GenericDomainEventMessage<>("Proposal", "p-" + i, 0, new ProposalSubmitted(
                    "p-" + i, "body-" + i, "org-" + i, "Proposal " + i, "Text " + i, "sha", null, at)));
        });
    }

    private static List<Integer> segmentsHere(ConfigurableApplicationContext instance, String processor) {
        List<Integer> segments = new ArrayList<>();
        readiness(instance).path("components").path("projections").path("details").path("processors")
                           .path(processor).path("segmentsHere").forEach(segment -> segments.add(segment.asInt()));
        return segments;
    }

    private static JsonNode readiness(ConfigurableApplicationContext instance) {
        return json(management(instance, "/actuator/health/readiness"));
    }

    /** This instance's {@code ledger_projection_events_total} of the processor (0 before it handled any). */
    private static int handled(ConfigurableApplicationContext instance, String processor) {
        Map<String, Double> counts = new TreeMap<>();
        Matcher line = Pattern.compile("^ledger_projection_events_total\\{.*processor=\"(\\w+)\".*} (\\S+)$",
                                       Pattern.MULTILINE).matcher(management(instance, "/actuator/prometheus"));
        while (line.find()) {
            counts.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return counts.getOrDefault(processor, 0.0).intValue();
    }

    /** A request to the instance's management port (the tests' {@code management.server.port=0}). */
    private static String management(ConfigurableApplicationContext instance, String path) {
        return get(instance.getEnvironment().getRequiredProperty("local.management.port", Integer.class), path);
    }

    private static String get(ConfigurableApplicationContext instance, String path) {
        return get(((WebServerApplicationContext) instance).getWebServer().getPort(), path);
    }

    private static String get(int port, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }
}
