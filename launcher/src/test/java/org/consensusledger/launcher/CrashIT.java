package org.consensusledger.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.launcher.LedgerProcesses.Part;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's promise under crashes (issue 17): a ledger of three OS processes — the embedded server, the command
 * side and the query side — runs six concurrent clients while one process after the other is killed with SIGKILL and
 * started again, the others left to recover by themselves. After every restart: every request left in doubt, retried
 * with its own {@code Idempotency-Key}, gets a final answer; every acknowledged command's events are in the public
 * record exactly once and nothing refused is; every proposal's public timeline is exactly its stream in the log; and
 * the query side's self-check, deriving every read model again from the log, finds them equal. At the end the read
 * models are compared, document for document, with a fresh replay of a copy of the log.
 * <p>
 * The load is held while the retries and checks run (so that "the log's head" is one number), then goes on. Figures
 * are printed at the end. Six cycles by default (each process killed twice: what the point needs, and the suite stays
 * short); {@code -Dcrash.cycles=} and {@code -Dcrash.seed=} change the run; on a failure the data
 * and the three processes' logs are kept (the directory is printed first) and the logs' last lines are printed.
 */
class CrashIT {

    private static final int CYCLES = Integer.getInteger("crash.cycles", 6);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final Part[] ROTATION = {Part.EMBEDDED_SERVER, Part.COMMAND_SIDE, Part.QUERY_SIDE};
    private static final Duration START = Duration.ofMinutes(2);
    /** How long a request in doubt is retried with its key before the test says the key never resolves. */
    private static final Duration RETRY_BOUND = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final long BEGAN = System.nanoTime();

    @Test
    void everyAcknowledgedCommandIsInThePublicRecordExactlyOnceAfterEveryKill(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) throws Exception {
        say("seed " + SEED + " (-Dcrash.seed=" + SEED + " repeats the choices), " + CYCLES + " cycles, data and logs "
                    + "in " + directory);
        Random random = new Random(SEED);
        LedgerProcesses ledger = LedgerProcesses.start(directory, START);
        say("the three processes are up");
        Load load = null;
        try {
            String commandApi = "http://127.0.0.1:" + ledger.commandPort();
            String secretariat = ledger.secretariatToken();
            PublicRecord record = new PublicRecord(commandApi, "http://127.0.0.1:" + ledger.queryPort(),
                                                   "http://127.0.0.1:" + ledger.commandManagementPort(),
                                                   "http://127.0.0.1:" + ledger.queryManagementPort(), secretariat);
            load = new Load(commandApi, secretariat, SEED);
            load.setUp();
            load.start();
            say("set up with " + load.sent().size() + " requests; 6 clients running");

            List<String> cycles = new ArrayList<>();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                cycles.add(crashCycle(cycle, ROTATION[(cycle - 1) % ROTATION.length], random, ledger, load, record));
                say(cycles.get(cycles.size() - 1));
            }

            load.stop();
            assertThat(load.retryInDoubt(RETRY_BOUND)).as("requests without a final answer at the end").isEmpty();
            Checked last = check(record, load, ledger);
            say("final checks passed; replaying a copy of the log");
            int documents = PublicRecord.assertSameAsFreshReplay(ledger, "crash-replay", Duration.ofMinutes(2));
            printSummary(cycles, load.sent(), last, documents, record);
        } catch (Throwable failure) {
            say("failed (seed " + SEED + "; data and logs kept in " + directory + "): " + failure.getMessage());
            System.out.println(ledger.logTails(80));
            throw failure;
        } finally {
            if (load != null) {
                load.stop();
            }
            ledger.close();
        }
    }

    /**
     * One crash: the load runs a random 1–3 s, the victim is killed (SIGKILL) while the load goes on against whatever
     * is up, then started again with the same data and ports; once both sides are healthy the load is held, every
     * request in doubt so far is retried with its key to a final answer, and the public record is checked.
     *
     * @return the cycle's line for the summary
     */
    private static String crashCycle(int cycle, Part victim, Random random, LedgerProcesses ledger, Load load,
                                     PublicRecord record) throws InterruptedException {
        long window = 1000 + random.nextInt(2001);
        Thread.sleep(window); // the load's run before the kill: what is tested, not a wait for a condition
        ledger.kill(victim);
        Instant killed = Instant.now();
        ledger.restart(victim, START);
        ledger.awaitHealthy(START);
        Instant healthy = Instant.now();

        load.pause();
        try {
            List<SentCommand> doubtful = load.inDoubt();
            assertThat(load.retryInDoubt(RETRY_BOUND))
                    .as("requests still without a final answer after %s of retries with their keys (cycle %d, the %s "
                                + "killed)", RETRY_BOUND, cycle, victim.label)
                    .isEmpty();
            Instant resolved = Instant.now();
            Checked checked = check(record, load, ledger);
            return String.format("cycle %2d: %-15s killed after %4d ms of load, both sides healthy %5d ms later; %3d "
                                         + "in doubt %s retried to a final answer in %5d ms; checks %5d ms: %s", cycle,
                                 victim.label, window, millis(killed, healthy), doubtful.size(),
                                 SentCommand.reasons(doubtful), millis(healthy, resolved),
                                 millis(resolved, Instant.now()), checked);
        } finally {
            load.resume();
        }
    }

    /** What one round of checks saw, and how long each check took (ms). */
    private record Checked(long events, int proposals, JsonNode pass, long exportMillis, long catchUpMillis,
                           long timelinesMillis, long selfCheckMillis) {
        @Override
        public String toString() {
            return String.format("%5d events (export, exactly once: %d ms), caught up in %d ms, %3d timelines (%d "
                                         + "ms), self-check OK over %d events and %d documents (%d ms)", events,
                                 exportMillis, catchUpMillis, proposals, timelinesMillis,
                                 pass.path("events").asLong(), pass.path("documents").asLong(), selfCheckMillis);
        }
    }

    /**
     * The checks with the load held: the log gap-free and every request's outcome in it exactly once; the query side
     * caught up with the log's head; every timeline equal to its stream; a self-check pass begun after that, OK.
     */
    private static Checked check(PublicRecord record, Load load, LedgerProcesses ledger)
            throws InterruptedException {
        Instant quiet = Instant.now();
        List<PublicRecord.Event> log = record.export();
        long head = log.size();
        assertThat(record.headReportedByCommandSide()).as("the log's length on the command side's health")
                                                      .isEqualTo(head);
        record.assertExactlyOnce(log, load.sent());
        Instant exported = Instant.now();
        record.awaitCaughtUp(head, CATCH_UP);
        Instant caughtUp = Instant.now();
        int proposals = record.assertTimelines(log);
        Instant timelines = Instant.now();
        JsonNode pass = record.awaitSelfCheckOk(caughtUp, head, CATCH_UP);
        ledger.assertAllAlive();
        return new Checked(head, proposals, pass, millis(quiet, exported), millis(exported, caughtUp),
                           millis(caughtUp, timelines), millis(timelines, Instant.now()));
    }

    /** The figures the issue asks for. */
    private static void printSummary(List<String> cycles, List<SentCommand> sent, Checked last, int documents,
                                     PublicRecord record) {
        long acknowledged = sent.stream().filter(command -> command.finalAnswer().acknowledged()).count();
        long inDoubt = sent.stream().filter(SentCommand::wasInDoubt).count();
        long attempts = sent.stream().mapToLong(command -> command.answers().size()).sum();
        long replayed = sent.stream().filter(command -> command.wasInDoubt() && command.finalAnswer().replayed())
                            .count();
        System.out.printf("%nCrashIT summary (seed %d): %d crash cycles (%d of the embedded server, %d of the command "
                                  + "side, %d of the query side) in %d s%n", SEED, CYCLES, kills(Part.EMBEDDED_SERVER),
                          kills(Part.COMMAND_SIDE), kills(Part.QUERY_SIDE),
                          Duration.ofNanos(System.nanoTime() - BEGAN).toSeconds());
        cycles.forEach(line -> System.out.println("  " + line));
        System.out.printf("  requests: %d (%d attempts); acknowledged (2xx): %d; refused (4xx): %d; in doubt at first: "
                                  + "%d, all retried with their keys to a final answer (%d of them answered as "
                                  + "replays of a command stored before)%n", sent.size(), attempts, acknowledged,
                          sent.size() - acknowledged, inDoubt, replayed);
        System.out.println("  final answers: " + SentCommand.outcomes(sent));
        System.out.printf("  events in the log: %d; proposals whose timelines were checked: %d; read-model documents "
                                  + "equal to a fresh replay: %d%n", last.events(), last.proposals(), documents);
        if (!record.earlierProblems().isEmpty()) {
            System.out.println("  self-check reports with problems seen before a clean pass: "
                                       + record.earlierProblems());
        }
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static void say(String line) {
        System.out.printf("CrashIT [%6.1f s] %s%n", (System.nanoTime() - BEGAN) / 1e9, line);
    }

    private static int kills(Part part) {
        int kills = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            kills += ROTATION[(cycle - 1) % ROTATION.length] == part ? 1 : 0;
        }
        return kills;
    }
}
