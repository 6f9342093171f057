package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One command request as a client sent it — its own {@code Idempotency-Key}, method, path, body and account — and
 * every answer it got. A request is <em>in doubt</em> until it has a final answer: no answer at all (connection
 * refused or reset, time-out), a server error, or 409 {@code idempotency-key-in-progress} leave the client not
 * knowing whether the command was recorded; the only way to find out is to send the very same request again.
 */
final class SentCommand {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for any command on this machine under load; a request hanging longer is in doubt. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * What one attempt got: a response, or {@code failure} when there was none; {@code sentAt} is when the attempt
     * began.
     */
    record Answer(Instant sentAt, int status, String body, String location, String etag, boolean replayed,
                  String failure) {

        static Answer none(Instant sentAt, String failure) {
            return new Answer(sentAt, 0, "", null, null, false, failure);
        }

        boolean inProgress() {
            return status == 409 && body.contains("idempotency-key-in-progress");
        }

        /** An answer the client can act on: neither missing, nor a server error, nor "still in progress". */
        boolean isFinal() {
            return failure == null && status < 500 && !inProgress();
        }

        boolean acknowledged() {
            return isFinal() && status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            if (failure != null) {
                return "no answer (" + failure + ")";
            }
            String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            return status + (replayed ? " (replayed)" : "") + " " + shown;
        }
    }

    final String actor;
    final String token;
    final String key = UUID.randomUUID().toString();
    final String method;
    final String path;
    final String body;
    private final URI uri;
    private final Consumer<JsonNode> onAcknowledged;
    private final List<Answer> answers = new ArrayList<>();
    private Answer finalAnswer;

    /**
     * @param onAcknowledged what the client learns from a 2xx answer (e.g. the id of a new proposal), whenever it
     *                       comes: at once, or to a retry
     */
    SentCommand(String base, String actor, String token, String method, String path, Object body,
                Consumer<JsonNode> onAcknowledged) {
        this.actor = actor;
        this.token = token;
        this.method = method;
        this.path = path;
        this.body = json(body);
        this.uri = URI.create(base + path);
        this.onAcknowledged = onAcknowledged;
    }

    /** Sends the request (again, for a retry: the same key, method, path, body and headers). */
    Answer send() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                                         .header("Authorization", "Bearer " + token)
                                         .header("Content-Type", "application/json")
                                         .header("Idempotency-Key", key)
                                         .method(method, HttpRequest.BodyPublishers.ofString(body))
                                         .build();
        Answer answer;
        Instant sentAt = Instant.now();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            answer = new Answer(sentAt, response.statusCode(), response.body(),
                                response.headers().firstValue("Location").orElse(null),
                                response.headers().firstValue("ETag").orElse(null),
                                response.headers().firstValue("Idempotency-Replayed").isPresent(), null);
        } catch (HttpTimeoutException e) {
            answer = Answer.none(sentAt, "time-out after " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            answer = Answer.none(sentAt, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Answer.none(sentAt, "interrupted");
        }
        Consumer<JsonNode> learn = null;
        synchronized (this) {
            answers.add(answer);
            if (finalAnswer == null && answer.isFinal()) {
                finalAnswer = answer;
                learn = answer.acknowledged() ? onAcknowledged : null;
            }
        }
        if (learn != null) {
            learn.accept(answer.json());
        }
        return answer;
    }

    synchronized Answer first() {
        return answers.isEmpty() ? null : answers.get(0);
    }

    /** The final answer, or null while the request is in doubt. */
    synchronized Answer finalAnswer() {
        return finalAnswer;
    }

    synchronized boolean inDoubt() {
        return !answers.isEmpty() && finalAnswer == null;
    }

    /** Whether the first attempt left it in doubt (even if a retry has answered since). */
    synchronized boolean wasInDoubt() {
        return !answers.isEmpty() && !answers.get(0).isFinal();
    }

    synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** Why these requests were in doubt: how many for each kind of first answer, e.g. {@code {500=2, time-out=1}}. */
    static Map<String, Long> reasons(List<SentCommand> commands) {
        return commands.stream().map(SentCommand::first).collect(Collectors.groupingBy(
                answer -> answer.failure() != null ? answer.failure().replaceAll(":.*", "")
                        : answer.inProgress() ? "409 in progress" : String.valueOf(answer.status()),
                TreeMap::new, Collectors.counting()));
    }

    /** The final answers by status and problem type, e.g. {@code {200=1500, 201=300, 409 rule-violated=20}}. */
    static Map<String, Long> outcomes(List<SentCommand> commands) {
        return commands.stream().map(SentCommand::finalAnswer).filter(answer -> answer != null)
                       .collect(Collectors.groupingBy(answer -> answer.status() + (answer.status() < 300 ? ""
                               : " " + answer.json().path("type").asText().replace("urn:consensus-ledger:problem:",
                                                                                      "")),
                                                      TreeMap::new, Collectors.counting()));
    }

    /** The request, its first answer and, if there were more, how many and the last. */
    @Override
    public String toString() {
        List<Answer> all = answers();
        String got = all.isEmpty() ? "not sent"
                : all.size() == 1 ? String.valueOf(all.get(0))
                : all.get(0) + " … " + (all.size() - 1) + " more attempt(s), the last: " + all.get(all.size() - 1);
        return method + " " + path + " by " + actor + " (Idempotency-Key " + key + ", body " + body + "): " + got;
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
