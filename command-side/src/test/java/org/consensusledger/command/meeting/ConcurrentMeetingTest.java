package org.consensusledger.command.meeting;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * A live meeting under load: 8 clients for 30 seconds record attendance, support, concerns and objections for
 * different members on the proposals of one meeting of one body, as co-chairs and delegates would at once. Commands
 * on one proposal queue on its lock; commands on different proposals, on the meeting and on the body's members run
 * side by side, and no command locks another aggregate, so none can deadlock: every request is answered, none with a
 * server error, and each client gets work done throughout.
 */
class ConcurrentMeetingTest extends CommandApiTest {

    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("concurrency.seconds", 30));
    private static final List<String> GROUPS = List.of("GOVERNMENT", "CIVIL_SOCIETY", "PRIVATE_SECTOR", "ACADEMIA");

    @Test
    void eightClientsRecordingInOneMeetingGetNoServerErrorAndNoDeadlock() throws Exception {
        String chairOrganisation = organisation("Ministry", "GOVERNMENT");
        String body = api.post("/api/bodies", secretariat, fields("name", "Plenary", "kind", "PLENARY",
                                                                  "mandate", "Decide")).id();
        List<String> members = new ArrayList<>();
        members.add(chairOrganisation);
        for (int i = 0; i < 8; i++) {
            members.add(organisation("Member " + i, GROUPS.get(i % GROUPS.size())));
        }
        for (String member : members) {
            assertThat(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member))
                          .status()).isEqualTo(201);
        }
        assertThat(api.post("/api/bodies/" + body + "/co-chairs", secretariat,
                            fields("organisationId", chairOrganisation)).status()).isEqualTo(200);
        String chair = delegateOf(chairOrganisation);
        ApiClient.Response scheduled = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Session",
                                                                               "startsAt", "2026-01-10T09:00:00Z",
                                                                               "format", "HYBRID", "location",
                                                                               "Geneva"));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(201);
        String meeting = scheduled.id();
        assertThat(api.post("/api/meetings/" + meeting + "/opening", chair, Map.of()).status()).isEqualTo(200);
        List<String> proposals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ApiClient.Response submitted = api.post("/api/proposals", chair, fields(
                    "bodyId", body, "proposedBy", members.get(1 + i), "title", "Principle " + i,
                    "text", "Text " + i, "meetingId", meeting));
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
            proposals.add(submitted.id());
        }

        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> serverErrors = new ArrayList<>();
        long until = System.nanoTime() + RUN.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            long seed = client;
            done.add(clients.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                ApiClient http = new ApiClient(port);
                int answered = 0;
                while (System.nanoTime() < until) {
                    String member = members.get(random.nextInt(members.size()));
                    String proposal = "/api/proposals/" + proposals.get(random.nextInt(proposals.size()));
                    ApiClient.Response response = switch (random.nextInt(5)) {
                        case 0 -> http.post("/api/meetings/" + meeting + "/attendance", chair, fields(
                                "organisationId", member, "mode", random.nextBoolean() ? "IN_PERSON" : "REMOTE"));
                        case 1 -> http.post(proposal + "/support", chair, fields(
                                "organisationId", member, "meetingId", meeting));
                        case 2 -> http.post(proposal + "/concerns", chair, fields(
                                "organisationId", member, "text", "A concern", "meetingId", meeting));
                        case 3 -> http.post(proposal + "/objections", chair, fields(
                                "organisationId", member, "grounds", "An objection", "meetingId", meeting));
                        default -> http.post(proposal + "/stand-asides", chair, fields(
                                "organisationId", member, "reason", "Not ours", "meetingId", meeting));
                    };
                    statuses.computeIfAbsent(response.status(), status -> new AtomicInteger()).incrementAndGet();
                    if (response.status() >= 500) {
                        synchronized (serverErrors) {
                            serverErrors.add(response.toString());
                        }
                    }
                    answered++;
                }
                return answered;
            }));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(RUN.toSeconds() + 60, TimeUnit.SECONDS))
                .as("every client finished: no request hung").isTrue();

        assertThat(serverErrors).as("responses with a server error").isEmpty();
        for (Future<Integer> client : done) {
            assertThat(client.get()).as("requests answered by one client").isGreaterThan(10);
        }
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(status -> status < 500)
                                     .contains(200, 201);
    }
}
