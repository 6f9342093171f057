package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * What the public can check of the ledger, read from outside as an auditor reads it: the exported log, the proposals'
 * public timelines, readiness, the query side's own self-check, and — at the end — the read models themselves against
 * a fresh replay of a copy of the log. Each check collects everything it finds wrong before it fails, so that one
 * failure says all there is.
 */
final class PublicRecord {

    /** The read models, each a collection of documents. */
    static final List<String> READ_MODELS = List.of("public_bodies", "public_body_proposals", "public_meetings",
                                                    "public_proposals", "public_organisations",
                                                    "public_latest_decisions");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(2)).build();
    private static final int SHOWN = 15;
    /** The ledger's clock and the test's are the machine's; this covers their different precisions. */
    private static final Duration CLOCK_SLACK = Duration.ofMillis(5);

    /** One stored event as the export shows it. */
    record Event(long position, String aggregateId, long sequence, String payloadType, String eventId, String key,
                 String recordedBy, String commandId, Instant timestamp) {

        static Event of(JsonNode line) {
            JsonNode metaData = line.path("metadata");
            return new Event(line.path("globalPosition").asLong(-1), line.path("aggregateId").asText(),
                             line.path("sequenceNumber").asLong(-1), line.path("payloadType").asText(),
                             line.path("eventId").asText(), metaData.path("idempotencyKey").asText(null),
                             metaData.path("recordedBy").asText(null), metaData.path("commandId").asText(null),
                             line.hasNonNull("timestamp") ? Instant.parse(line.path("timestamp").asText()) : null);
        }

        String stream() {
            return aggregateId + "#" + sequence;
        }
    }

    private final String commandApi;
    private final String queryApi;
    private final String commandManagement;
    private final String queryManagement;
    private final String secretariat;
    /** Self-check reports with problems seen while waiting for a clean pass (from passes before the restart). */
    private final List<String> earlierProblems = new ArrayList<>();

    /** The APIs' base URLs, and the management ports' (health details) of both sides. */
    PublicRecord(String commandApi, String queryApi, String commandManagement, String queryManagement,
                 String secretariat) {
        this.commandApi = commandApi;
        this.queryApi = queryApi;
        this.commandManagement = commandManagement;
        this.queryManagement = queryManagement;
        this.secretariat = secretariat;
    }

    /** The whole log, {@code GET /api/audit/events}, checked to be gap-free. */
    List<Event> export() {
        HttpResponse<String> response = get(queryApi + "/api/audit/events", Duration.ofSeconds(60));
        assertStatus(response, 200, "the export");
        List<Event> events = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                events.add(Event.of(json(line)));
            }
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).position() != i) {
                throw new AssertionError("The export is not gap-free: line " + i + " has position "
                        + events.get(i).position());
            }
        }
        return events;
    }

    /** The log's length as the command side's health reports it. */
    long headReportedByCommandSide() {
        HttpResponse<String> response = get(commandManagement + "/actuator/health", Duration.ofSeconds(10));
        assertStatus(response, 200, "the command side's health");
        return json(response.body()).path("components").path("eventLog").path("details").path("events").asLong(-1);
    }

    /**
     * Every acknowledged command is in the log exactly once, and nothing refused is: per idempotency key the log holds
     * the events of at most one command (one command id); every 2xx answer's {@code {aggregateId, version}} is an event
     * of the log, stored with that request's key, and its {@code ETag} (and a 201's {@code Location}) agree with it;
     * a 2xx answer to a command stored before the attempt that got it is marked {@code Idempotency-Replayed}; no
     * request answered with a 4xx has an event with its key; no two events share a place in an aggregate's stream.
     */
    void assertExactlyOnce(List<Event> log, List<SentCommand> sent) {
        List<String> problems = new ArrayList<>();
        Map<String, Event> byStream = new HashMap<>();
        Map<String, List<Event>> byKey = new HashMap<>();
        for (Event event : log) {
            Event twin = byStream.put(event.stream(), event);
            if (twin != null) {
                problems.add("two events at " + event.stream() + ": positions " + twin.position() + " and "
                                     + event.position());
            }
            if (event.key() != null) {
                byKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event);
            }
        }
        byKey.forEach((key, events) -> {
            Set<String> commands = events.stream().map(Event::commandId).collect(Collectors.toSet());
            if (commands.size() > 1) {
                problems.add("Idempotency-Key " + key + " has the events of " + commands.size() + " commands: "
                                     + events);
            }
        });
        for (SentCommand command : sent) {
            SentCommand.Answer answer = command.finalAnswer();
            if (answer == null) {
                continue; // reported by the retries
            }
            List<Event> stored = byKey.getOrDefault(command.key, List.of());
            if (answer.acknowledged()) {
                JsonNode recorded = answer.json();
                String place = recorded.path("aggregateId").asText() + "#" + recorded.path("version").asLong(-1);
                if (!headersAgree(answer, recorded)) {
                    problems.add("answered with ETag " + answer.etag() + " and Location " + answer.location()
                                         + ", which do not match its body: " + command);
                }
                Event event = byStream.get(place);
                if (event == null) {
                    problems.add("acknowledged, but " + place + " is not in the log: " + command);
                } else if (!command.key.equals(event.key())) {
                    problems.add("acknowledged as " + place + ", but that event was stored with key " + event.key()
                                         + ": " + command);
                }
                if (stored.isEmpty()) {
                    problems.add("acknowledged, but no event carries its key: " + command);
                } else if (!answer.replayed() && stored.get(0).timestamp() != null
                        && stored.get(0).timestamp().isBefore(answer.sentAt().minus(CLOCK_SLACK))) {
                    problems.add("answered as a new command, not as a replay, although its events were stored at "
                                         + stored.get(0).timestamp() + ", before that attempt began at "
                                         + answer.sentAt() + ": " + command);
                }
            } else if (!stored.isEmpty()) {
                problems.add("refused with " + answer.status() + ", but the log holds " + stored.size()
                                     + " event(s) with its key, e.g. " + stored.get(0) + ": " + command);
            }
        }
        fail("the exactly-once check over " + log.size() + " events and " + sent.size() + " requests", problems);
    }

    /** The answer's {@code ETag} is the version in its body, and a 201's {@code Location} names the id created. */
    private static boolean headersAgree(SentCommand.Answer answer, JsonNode recorded) {
        boolean etag = ("\"" + recorded.path("version").asLong(-1) + "\"").equals(answer.etag());
        boolean location = answer.status() != 201
                || answer.location() != null && answer.location().endsWith("/" + recorded.path("id").asText());
        return etag && location;
    }

    /**
     * Waits until the query side is ready and every processor has handled the log up to its last event
     * ({@code GET /actuator/health/readiness}: 200, lag 0 at position {@code head - 1}).
     */
    void awaitCaughtUp(long head, Duration timeout) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> response = get(queryManagement + "/actuator/health/readiness",
                                                    Duration.ofSeconds(10));
                last.set(response.statusCode() + " " + response.body());
                if (response.statusCode() != 200) {
                    return false;
                }
                JsonNode processors = json(response.body()).path("components").path("projections").path("details")
                                                           .path("processors");
                if (processors.isEmpty()) {
                    return false;
                }
                for (JsonNode processor : processors) {
                    if (processor.path("lag").asLong(-1) != 0 || processor.path("position").asLong(-2) != head - 1) {
                        return false;
                    }
                }
                return true;
            });
        } catch (RuntimeException e) {
            throw new AssertionError("The query side did not catch up with the log's " + head + " events within "
                    + timeout + "; readiness said: " + last.get(), e);
        }
    }

    /**
     * Every proposal's public timeline lists exactly the events of its aggregate stream
     * ({@code GET /api/audit/aggregates/{id}/events}), each once and in order, and those are the export's.
     */
    int assertTimelines(List<Event> log) throws InterruptedException {
        Map<String, List<Event>> streams = new LinkedHashMap<>();
        for (Event event : log) {
            streams.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
        }
        List<String> proposals = streams.entrySet().stream()
                                        .filter(stream -> stream.getValue().get(0).payloadType()
                                                                .endsWith(".ProposalSubmitted"))
                                        .map(Map.Entry::getKey).toList();
        List<String> problems = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> checked = new ArrayList<>();
            for (String proposal : proposals) {
                checked.add(readers.submit(() -> timelineProblem(proposal, streams.get(proposal))));
            }
            for (Future<String> check : checked) {
                try {
                    String problem = check.get();
                    if (problem != null) {
                        problems.add(problem);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    problems.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            readers.shutdownNow();
        }
        fail("the timelines of " + proposals.size() + " proposals", problems);
        return proposals.size();
    }

    private String timelineProblem(String proposal, List<Event> exported) {
        List<String> expected = exported.stream().map(e -> e.position() + "/" + e.sequence() + "/" + e.eventId())
                                        .toList();
        HttpResponse<String> stream = get(queryApi + "/api/audit/aggregates/" + proposal + "/events",
                                          Duration.ofSeconds(10));
        if (stream.statusCode() != 200) {
            return "aggregate stream of " + proposal + ": " + stream.statusCode() + " " + stream.body();
        }
        List<String> inStream = new ArrayList<>();
        for (String line : stream.body().split("\n")) {
            if (!line.isBlank()) {
                Event event = Event.of(json(line));
                inStream.add(event.position() + "/" + event.sequence() + "/" + event.eventId());
            }
        }
        if (!inStream.equals(expected)) {
            return "the aggregate stream of " + proposal + " is " + inStream + ", the export has " + expected;
        }
        HttpResponse<String> timeline = get(queryApi + "/api/public/proposals/" + proposal + "/timeline",
                                            Duration.ofSeconds(10));
        if (timeline.statusCode() != 200) {
            return "the timeline of " + proposal + ": " + timeline.statusCode() + " " + timeline.body();
        }
        List<String> shown = new ArrayList<>();
        for (JsonNode entry : json(timeline.body())) {
            JsonNode step = entry.path("step");
            shown.add(step.path("globalPosition").asLong() + "/" + step.path("sequenceNumber").asLong() + "/"
                              + step.path("eventId").asText());
        }
        if (!shown.equals(inStream)) {
            List<String> missing = new ArrayList<>(inStream);
            missing.removeAll(shown);
            List<String> extra = new ArrayList<>(shown);
            extra.removeAll(inStream);
            return "the timeline of proposal " + proposal + " lists " + shown.size() + " events, its stream has "
                    + inStream.size() + " (missing " + missing + ", not in the stream or twice " + extra + ")";
        }
        return null;
    }

    /**
     * Starts a full self-check pass and waits for one that began at or after {@code since} to end with status
     * {@code OK} over exactly {@code head} events; a pass begun since that found problems fails at once.
     *
     * @return that pass ({@code lastFullPass})
     */
    JsonNode awaitSelfCheckOk(Instant since, long head, Duration timeout) {
        HttpResponse<String> asked = send(HttpRequest.newBuilder(URI.create(queryApi + "/api/admin/self-check"))
                                                     .header("Authorization", "Bearer " + secretariat)
                                                     .POST(HttpRequest.BodyPublishers.noBody()),
                                          Duration.ofSeconds(10));
        assertStatus(asked, 202, "POST /api/admin/self-check");
        AtomicReference<JsonNode> last = new AtomicReference<>();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> response = get(queryApi + "/api/audit/self-check", Duration.ofSeconds(10));
                assertStatus(response, 200, "GET /api/audit/self-check");
                JsonNode report = json(response.body());
                last.set(report);
                JsonNode pass = report.path("lastFullPass");
                boolean recent = pass.hasNonNull("started") && !Instant.parse(pass.path("started").asText())
                                                                       .isBefore(since);
                if (!"OK".equals(report.path("status").asText()) && !"CHECKING".equals(
                        report.path("status").asText())) {
                    if (recent) {
                        throw new AssertionError("The self-check found problems in a pass begun after " + since
                                + ": " + report.toPrettyString());
                    }
                    earlierProblems.add(report.toString());
                }
                return recent && "OK".equals(report.path("status").asText()) && pass.path("events").asLong() == head;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("No full self-check pass begun after " + since + " ended OK over " + head
                    + " events within " + timeout + "; the last report: " + last.get(), e);
        }
        return last.get().path("lastFullPass");
    }

    List<String> earlierProblems() {
        return List.copyOf(earlierProblems);
    }

    /**
     * Copies the log — the collection {@code event_commits} and nothing else — into a new database on the same
     * server, has the query side's command-line replay build that database's read models, and compares them with the
     * live ones document for document ({@code BsonDocument} equality by {@code _id}).
     *
     * @return the number of documents compared
     */
    static int assertSameAsFreshReplay(LedgerProcesses ledger, String copy, Duration timeout)
            throws IOException, InterruptedException {
        try (MongoClient client = MongoClients.create(ledger.mongoUri(""))) {
            MongoDatabase live = client.getDatabase(LedgerProcesses.DATABASE);
            MongoDatabase fresh = client.getDatabase(copy);
            fresh.drop();
            MongoCollection<BsonDocument> source = live.getCollection("event_commits", BsonDocument.class);
            MongoCollection<BsonDocument> target = fresh.getCollection("event_commits", BsonDocument.class);
            List<BsonDocument> batch = new ArrayList<>();
            for (BsonDocument commit : source.find().sort(Sorts.ascending("_id"))) {
                batch.add(commit);
                if (batch.size() == 500) {
                    target.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                target.insertMany(batch);
            }
            ledger.replay(copy, timeout);

            List<String> problems = new ArrayList<>();
            int compared = 0;
            for (String model : READ_MODELS) {
                Map<BsonValue, BsonDocument> expected = byId(fresh.getCollection(model, BsonDocument.class));
                Map<BsonValue, BsonDocument> actual = byId(live.getCollection(model, BsonDocument.class));
                if (expected.isEmpty()) {
                    problems.add(model + ": the replay made no document");
                }
                Set<BsonValue> ids = new HashSet<>(expected.keySet());
                ids.addAll(actual.keySet());
                for (BsonValue id : ids) {
                    BsonDocument replayed = expected.get(id);
                    BsonDocument kept = actual.get(id);
                    if (replayed == null) {
                        problems.add(model + " " + id + " is live but not made by the replay: " + cut(kept));
                    } else if (kept == null) {
                        problems.add(model + " " + id + " is made by the replay but missing live: " + cut(replayed));
                    } else if (!replayed.equals(kept)) {
                        problems.add(model + " " + id + " differs: " + difference(replayed, kept));
                    }
                }
                compared += ids.size();
            }
            fail("the read models against a fresh replay (" + compared + " documents)", problems);
            return compared;
        }
    }

    private static Map<BsonValue, BsonDocument> byId(MongoCollection<BsonDocument> collection) {
        Map<BsonValue, BsonDocument> documents = new LinkedHashMap<>();
        for (BsonDocument document : collection.find()) {
            documents.put(document.get("_id"), document);
        }
        return documents;
    }

    /** The top-level fields whose values differ, each as replayed / as kept. */
    private static String difference(BsonDocument replayed, BsonDocument kept) {
        Map<String, String> fields = new TreeMap<>();
        Set<String> names = new HashSet<>(replayed.keySet());
        names.addAll(kept.keySet());
        for (String name : names) {
            BsonValue a = replayed.get(name);
            BsonValue b = kept.get(name);
            if (a == null ? b != null : !a.equals(b)) {
                fields.put(name, "replay " + cut(a) + " / live " + cut(b));
            }
        }
        return fields.toString();
    }

    private static String cut(Object value) {
        String text = String.valueOf(value);
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    private static void fail(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s) in " + what + ":\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(SHOWN, problems.size())))
                    + (problems.size() > SHOWN ? "\n  …" : ""));
        }
    }

    private static HttpResponse<String> get(String url, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), timeout);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return HTTP.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("No answer from " + request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new AssertionError(what + " answered " + response.statusCode() + ", not " + status + ": "
                    + cut(response.body()));
        }
    }

    private static JsonNode json(String text) {
        try {
            return SentCommand.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + cut(text), e);
        }
    }
}
