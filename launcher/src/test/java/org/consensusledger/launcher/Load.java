package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;

/**
 * Delegates of a working group recording a meeting through the command API, as the meeting console does: a body of
 * six organisations from five stakeholder groups, two of them co-chairs, set up as the curl example in docs/api.md does,
 * then one client thread per delegate submitting proposals, supporting, raising concerns and objections, revising
 * their own texts, and — the co-chairs — recording dispositions, declarations and attendance, and holding meetings.
 * Every request carries its own {@code Idempotency-Key} and is kept ({@link SentCommand}) with all its answers.
 * <p>
 * The clients act on what they have learnt from 2xx answers only (a proposal whose submission is in doubt is used
 * once a retry has answered). They pause briefly between requests, as people at a console do, and longer after a
 * request that got no final answer. {@link #pause()} holds them between requests, so that the test can look at a
 * log that is not moving.
 */
final class Load {

    /** A delegate account and the organisation it acts for. */
    record Delegate(String name, String group, String organisationId, String token, boolean coChair) {
    }

    /** A proposal the clients know of (its submission was acknowledged). */
    private static final class Proposal {
        final String id;
        final Delegate proposer;
        final List<Objection> objections = new CopyOnWriteArrayList<>();
        volatile boolean decided;

        Proposal(String id, Delegate proposer) {
            this.id = id;
            this.proposer = proposer;
        }
    }

    /** An objection the clients know of; settled once its disposition or withdrawal was acknowledged. */
    private static final class Objection {
        final String id;
        final Delegate objector;
        volatile boolean settled;

        Objection(String id, Delegate objector) {
            this.id = id;
            this.objector = objector;
        }

        boolean open() {
            return !settled;
        }
    }

    private static final String[] ORGANISATIONS = {
            "Ministry of Digital Affairs", "GOVERNMENT", "Open Rights Network", "CIVIL_SOCIETY",
            "Acme Cloud", "PRIVATE_SECTOR", "University of Lisbon", "ACADEMIA",
            "Privacy Now", "CIVIL_SOCIETY", "Internet Standards Forum", "TECHNICAL_COMMUNITY"};
    /** The clients work on the proposals submitted last, as a meeting does on its agenda. */
    private static final int AGENDA = 8;

    private final String commandApi;
    private final String secretariat;
    private final List<SentCommand> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<Delegate> delegates = new ArrayList<>();
    private final List<Proposal> proposals = new CopyOnWriteArrayList<>();
    private final Meetings meetings = new Meetings();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final List<Thread> clients = new ArrayList<>();
    private final long seed;
    private String body;
    private volatile boolean stopped;

    Load(String commandApi, String secretariat, long seed) {
        this.commandApi = commandApi;
        this.secretariat = secretariat;
        this.seed = seed;
    }

    /**
     * The curl example of docs/api.md, a little larger: the organisations, a plenary and its working group with all six as
     * members (three admitted by the secretariat, three civil-society and private-sector ones joining on their own
     * request), two co-chairs, a delegate account for each, and a meeting opened. Every step must be acknowledged.
     */
    void setUp() {
        List<String> organisations = new ArrayList<>();
        for (int i = 0; i < ORGANISATIONS.length; i += 2) {
            organisations.add(acknowledged(new SentCommand(
                    commandApi, "secretariat", secretariat, "POST", "/api/organisations",
                    Map.of("name", ORGANISATIONS[i], "stakeholderGroup", ORGANISATIONS[i + 1]), null))
                                      .path("id").asText());
        }
        String plenary = acknowledged(secretariatSends("/api/bodies", Map.of(
                "name", "Cohort plenary", "kind", "PLENARY", "mandate", "Decide the principles"))).path("id").asText();
        body = acknowledged(secretariatSends("/api/bodies", Map.of(
                "name", "Data working group", "kind", "WORKING_GROUP", "parentBodyId", plenary,
                "mandate", "Draft the data governance principles"))).path("id").asText();
        for (int i = 0; i < organisations.size(); i++) {
            String organisation = organisations.get(i);
            String group = ORGANISATIONS[2 * i + 1];
            String token = delegateAccount(organisation, ORGANISATIONS[2 * i] + " delegate");
            boolean coChair = i < 2;
            delegates.add(new Delegate(ORGANISATIONS[2 * i], group, organisation, token, coChair));
            // Civil society and the private sector join on request, with no approval step (rule 3).
            boolean onRequest = group.equals("CIVIL_SOCIETY") || group.equals("PRIVATE_SECTOR");
            acknowledged(new SentCommand(commandApi, onRequest ? ORGANISATIONS[2 * i] : "secretariat",
                                         onRequest ? token : secretariat, "POST", "/api/bodies/" + body + "/members",
                                         Map.of("organisationId", organisation), null));
            if (coChair) {
                acknowledged(secretariatSends("/api/bodies/" + body + "/co-chairs",
                                              Map.of("organisationId", organisation)));
            }
        }
        Delegate chair = delegates.get(0);
        String meeting = acknowledged(new SentCommand(
                commandApi, chair.name(), chair.token(), "POST", "/api/meetings",
                Map.of("bodyId", body, "title", "Session 1", "startsAt", "2026-01-10T09:00:00Z",
                       "format", "VIRTUAL"), null)).path("id").asText();
        acknowledged(new SentCommand(commandApi, chair.name(), chair.token(), "POST",
                                     "/api/meetings/" + meeting + "/opening", Map.of(), null));
        meetings.opened(meeting);
    }

    /** Starts one client thread per delegate. */
    void start() {
        for (int i = 0; i < delegates.size(); i++) {
            Delegate delegate = delegates.get(i);
            Random random = new Random(seed * 31 + i);
            Thread client = new Thread(() -> run(delegate, random), "client-" + delegate.name());
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /** Lets the requests in flight end (answered or timed out) and holds the clients until {@link #resume()}. */
    void pause() {
        gate.writeLock().lock();
    }

    void resume() {
        gate.writeLock().unlock();
    }

    /** Stops the clients for good (each after its request in flight). */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread client : clients) {
            client.join(SentCommand.TIMEOUT.toMillis() * 2);
        }
    }

    /** Every request sent so far, set-up included. */
    List<SentCommand> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<SentCommand> inDoubt() {
        return sent().stream().filter(SentCommand::inDoubt).toList();
    }

    /**
     * Sends every request still in doubt again, with its own key and nothing else changed, until it gets a final
     * answer or {@code bound} has passed; returns those still without one.
     */
    List<SentCommand> retryInDoubt(Duration bound) throws InterruptedException {
        List<SentCommand> doubtful = inDoubt();
        ExecutorService retries = Executors.newFixedThreadPool(Math.max(1, Math.min(6, doubtful.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SentCommand command : doubtful) {
                done.add(retries.submit(() -> {
                    try {
                        await().atMost(bound).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                               .until(() -> command.send().isFinal());
                    } catch (ConditionTimeoutException e) {
                        // Reported by the caller, with every answer the request got.
                    }
                }));
            }
            for (Future<?> retry : done) {
                try {
                    retry.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            retries.shutdownNow();
            retries.awaitTermination(10, TimeUnit.SECONDS);
        }
        return doubtful.stream().filter(SentCommand::inDoubt).toList();
    }

    String body() {
        return body;
    }

    private void run(Delegate delegate, Random random) {
        while (!stopped) {
            boolean answered = true;
            gate.readLock().lock();
            try {
                if (stopped) {
                    return;
                }
                SentCommand command = next(delegate, random);
                sent.add(command);
                answered = command.send().isFinal();
            } catch (RuntimeException e) {
                System.err.println("Client " + delegate.name() + " failed: " + e);
                e.printStackTrace();
            } finally {
                gate.readLock().unlock();
            }
            try {
                // A person at a console between two actions; longer when the ledger did not answer.
                Thread.sleep(answered ? 80 + random.nextInt(120) : 250 + random.nextInt(250));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The delegate's next action, chosen at random among what it may do and what it knows of. */
    private SentCommand next(Delegate delegate, Random random) {
        int roll = random.nextInt(100);
        Proposal proposal = onTheAgenda(random);
        if (proposal == null || roll < 4) {
            return submit(delegate, random);
        }
        if (delegate.coChair()) {
            if (roll < 24) {
                SentCommand disposition = disposition(delegate, random);
                if (disposition != null) {
                    return disposition;
                }
            } else if (roll < 31) {
                return outcome(delegate, proposal, random);
            } else if (roll < 38) {
                return meetingStep(delegate, random);
            }
        }
        // A position is taken in the meeting only by a member recorded as attending it; otherwise outside any meeting.
        String current = meetings.current();
        String meeting = meetings.attended(current, delegate) ? current : null;
        if (roll < 50) {
            return send(delegate, "/api/proposals/" + proposal.id + "/support",
                        with("organisationId", delegate.organisationId(), "comment",
                             "Supported by " + delegate.name(), "meetingId", meeting), null);
        } else if (roll < 62) {
            return send(delegate, "/api/proposals/" + proposal.id + "/concerns",
                        with("organisationId", delegate.organisationId(), "text",
                             "Concern " + random.nextInt(1000) + ": the scope is unclear", "meetingId", meeting),
                        null);
        } else if (roll < 75) {
            return send(delegate, "/api/proposals/" + proposal.id + "/objections",
                        with("organisationId", delegate.organisationId(), "grounds",
                             "Objection " + random.nextInt(1000) + ": this conflicts with our legal duties",
                             "meetingId", meeting),
                        answer -> proposal.objections.add(new Objection(answer.path("id").asText(), delegate)));
        } else if (roll < 86) {
            Proposal own = own(delegate, random);
            if (own != null) {
                return send(delegate, "/api/proposals/" + own.id + "/revisions",
                            with("text", "Data flows should be lawful where they originate (" + word(random)
                                    + ").", "summary", "Says where", "meetingId", meeting), null);
            }
        } else if (roll < 92) {
            return send(delegate, "/api/proposals/" + proposal.id + "/stand-asides",
                        with("organisationId", delegate.organisationId(), "reason",
                             "We cannot support it, but will not stand in the way", "meetingId", meeting), null);
        } else {
            Objection own = proposal.objections.stream().filter(o -> o.objector == delegate && o.open())
                                               .findFirst().orElse(null);
            if (own != null) {
                return send(delegate, "/api/proposals/" + proposal.id + "/objections/" + own.id + "/withdrawal",
                            with("reason", "Answered in the discussion", "meetingId", meeting),
                            answer -> own.settled = true);
            }
        }
        return send(delegate, "/api/proposals/" + proposal.id + "/support",
                    with("organisationId", delegate.organisationId(), "meetingId", meeting), null);
    }

    private SentCommand submit(Delegate delegate, Random random) {
        return send(delegate, "/api/proposals",
                    with("bodyId", body, "proposedBy", delegate.organisationId(), "title",
                         "Principle " + (proposals.size() + 1) + " by " + delegate.name(), "text",
                         "Data flows should be lawful (" + word(random) + ").", "meetingId",
                         meetings.current()),
                    answer -> proposals.add(new Proposal(answer.path("id").asText(), delegate)));
    }

    private SentCommand disposition(Delegate chair, Random random) {
        List<Map.Entry<Proposal, Objection>> open = new ArrayList<>();
        for (Proposal proposal : proposals) {
            if (!proposal.decided) {
                proposal.objections.stream().filter(Objection::open)
                                   .forEach(objection -> open.add(Map.entry(proposal, objection)));
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        Map.Entry<Proposal, Objection> chosen = open.get(random.nextInt(open.size()));
        return send(chair, "/api/proposals/" + chosen.getKey().id + "/objections/" + chosen.getValue().id
                            + "/disposition",
                    with("disposition", "NOT_ACCOMMODATED", "reasons",
                         "Retention duties are set by law, not by this principle, so it stays as it is.",
                         "meetingId", meetings.current()),
                    answer -> chosen.getValue().settled = true);
    }

    private SentCommand outcome(Delegate chair, Proposal proposal, Random random) {
        boolean blocked = proposal.objections.stream().anyMatch(Objection::open);
        String outcome = blocked ? (random.nextBoolean() ? "NO_CONSENSUS" : "DEFERRED") : "ROUGH_CONSENSUS";
        return send(chair, "/api/proposals/" + proposal.id + "/outcome",
                    with("outcome", outcome, "rationale", "Declared after the discussion in the meeting",
                         "meetingId", meetings.current()),
                    answer -> proposal.decided = true);
    }

    /** Opens the next meeting, records the attendance of the current one, or schedules a new one. */
    private SentCommand meetingStep(Delegate chair, Random random) {
        String scheduled = meetings.scheduled();
        if (scheduled != null) {
            return send(chair, "/api/meetings/" + scheduled + "/opening", Map.of(),
                        answer -> meetings.opened(scheduled));
        }
        String current = meetings.current();
        List<Delegate> absent = delegates.stream().filter(d -> !meetings.attended(current, d)).toList();
        if (absent.isEmpty()) {
            return send(chair, "/api/meetings",
                        with("bodyId", body, "title", "Session " + (meetings.count() + 1), "startsAt",
                             Instant.now().minusSeconds(60).toString(), "format", "HYBRID", "location", "Lisbon"),
                        answer -> meetings.scheduled(answer.path("id").asText()));
        }
        Delegate present = absent.get(random.nextInt(absent.size()));
        return send(chair, "/api/meetings/" + current + "/attendance",
                    with("organisationId", present.organisationId(), "mode",
                         random.nextBoolean() ? "IN_PERSON" : "REMOTE"),
                    answer -> meetings.attend(current, present));
    }

    private Proposal onTheAgenda(Random random) {
        List<Proposal> open = proposals.stream().filter(p -> !p.decided).toList();
        if (open.isEmpty()) {
            return null;
        }
        List<Proposal> agenda = open.subList(Math.max(0, open.size() - AGENDA), open.size());
        return agenda.get(random.nextInt(agenda.size()));
    }

    private Proposal own(Delegate delegate, Random random) {
        List<Proposal> own = proposals.stream().filter(p -> !p.decided && p.proposer == delegate).toList();
        return own.isEmpty() ? null : own.get(random.nextInt(own.size()));
    }

    private SentCommand send(Delegate delegate, String path, Map<String, Object> body,
                             Consumer<JsonNode> onAcknowledged) {
        return new SentCommand(commandApi, delegate.name(), delegate.token(), "POST", path, body, onAcknowledged);
    }

    private SentCommand secretariatSends(String path, Map<String, Object> body) {
        return new SentCommand(commandApi, "secretariat", secretariat, "POST", path, body, null);
    }

    /** Sends a set-up request and requires a 2xx answer. */
    private JsonNode acknowledged(SentCommand command) {
        sent.add(command);
        SentCommand.Answer answer = command.send();
        if (!answer.acknowledged()) {
            throw new AssertionError("Set-up request refused: " + command);
        }
        return answer.json();
    }

    /** Account requests take no key (their answer holds a token the ledger does not keep). */
    private String delegateAccount(String organisation, String label) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(commandApi + "/api/accounts"))
                               .header("Authorization", "Bearer " + secretariat)
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(SentCommand.JSON.writeValueAsString(
                                       Map.of("kind", "DELEGATE", "organisationId", organisation, "label", label))))
                               .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError("Account not created: " + response.statusCode() + " " + response.body());
            }
            return SentCommand.JSON.readTree(response.body()).path("token").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JSON object from name/value pairs, in order, leaving out null values. */
    private static Map<String, Object> with(Object... pairs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                object.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return object;
    }

    /** What the clients know of the body's meetings: the one open now, one scheduled next, who attended. */
    private static final class Meetings {
        private final Map<String, Set<String>> attendance = new LinkedHashMap<>();
        private String current;
        private String scheduled;

        synchronized void opened(String meeting) {
            current = meeting;
            attendance.putIfAbsent(meeting, ConcurrentHashMap.newKeySet());
            if (meeting.equals(scheduled)) {
                scheduled = null;
            }
        }

        synchronized void scheduled(String meeting) {
            if (scheduled == null) {
                scheduled = meeting;
            }
            attendance.putIfAbsent(meeting, ConcurrentHashMap.newKeySet());
        }

        synchronized String current() {
            return current;
        }

        synchronized String scheduled() {
            return scheduled;
        }

        synchronized int count() {
            return attendance.size();
        }

        synchronized boolean attended(String meeting, Delegate delegate) {
            return attendance.get(meeting).contains(delegate.organisationId());
        }

        synchronized void attend(String meeting, Delegate delegate) {
            attendance.get(meeting).add(delegate.organisationId());
        }
    }

    /** A short random word, so that every revision differs from the text before it. */
    private static String word(Random random) {
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }
}
