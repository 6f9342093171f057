package org.consensusledger.query.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.HdrHistogram.Histogram;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.consensusledger.embedded.DataFileSpace;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.admin.Replays;
import org.consensusledger.query.selfcheck.Report;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.consensusledger.verifier.VerifierCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The query side's benchmark (not a test): replay rate over a large log, projection lag under a steady command rate,
 * and dossier GET throughput beside a trivial endpoint of the same application, with {@code wrk}. See
 * {@code docs/performance.md}; run with {@code mvn -pl query-side -am -Pbenchmark process-test-classes}.
 */
public final class QuerySideBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final String BACKEND = System.getProperty("bench.backend", "memory");
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int LAG_SECONDS = Integer.getInteger("bench.lagSeconds", 60);
    private static final int WRK_SECONDS = Integer.getInteger("bench.wrkSeconds", 20);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
    private static final int SEED_THREADS = Integer.getInteger("bench.seedThreads", 4);
    private static final int REPLAYS = Integer.getInteger("bench.replays", 1);
    /** At most this long after the last write for the data file to settle (compaction, shrinking). */
    private static final int SETTLE_SECONDS = Integer.getInteger("bench.settleSeconds", 180);
    /** Phases left out ({@code throughput}, {@code verify}, {@code selfCheck}), e.g. for a disk and lag run only. */
    private static final List<String> SKIP = List.of(System.getProperty("bench.skip", "").split(","));

    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        new QuerySideBenchmark().run(Path.of(System.getProperty("bench.output", "target/query-benchmark-results.md")));
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        Path data = Files.createTempDirectory("query-bench");
        Path file = data.resolve("ledger.mv");
        DiskWatch disk = new DiskWatch(file);
        long events;
        try (ServerProcess server = ServerProcess.start(BACKEND, file);
             MongoClient writerClient = MongoClients.create(server.connectionString());
             disk) {
            String uri = server.connectionString() + (server.connectionString().endsWith("/") ? "" : "/")
                    + "bench";
            LedgerEventStorageEngine writer = EventLogFixtures.engine(writerClient.getDatabase("bench"));
            Ledger ledger = new Ledger();
            line("# Query-side benchmark%n%nBackend: %s (embedded server %s); %d processors; "
                         + "Java %s; %d cores.%n", BACKEND, server.where(), 4, System.getProperty("java.version"),
                 Runtime.getRuntime().availableProcessors());

            long seedStart = System.nanoTime();
            seed(writer, ledger, EVENTS);
            double seedSeconds = seconds(seedStart);
            long head = writer.nextGlobalPosition();
            disk.phase("seeded", head);
            line("Seeded %,d events (%,d proposals in %,d bodies) in %.1f s (%,.0f events/s), one event per commit.%n",
                 head, ledger.proposals(), Ledger.BODIES, seedSeconds, head / seedSeconds);

            long start = System.nanoTime();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(QuerySideApplication.class,
                                                                              TrivialEndpoint.class)
                    .run("--server.port=0", "--spring.mongodb.uri=" + uri, "--logging.level.root=warn",
                         // measured on its own at the end, not beside the processors
                         "--ledger.self-check.enabled=false");
            awaitCaughtUp(app, head);
            double firstRun = seconds(start);
            disk.phase("first start caught up", head);
            // The Merkle tree catches up beside the processors; the replay is measured once it has, not beside it.
            MerkleLog tree = app.getBean(MerkleLog.class);
            while (tree.size() < head) {
                Thread.sleep(50);
            }
            double treeCaughtUp = seconds(start);
            line("## Replay from position 0%n");
            line("| Run | Events | Seconds | Events/s |%n|:---|---:|---:|---:|");
            line("| first start (application start included) | %,d | %.1f | %,.0f |", head, firstRun, head / firstRun);
            line("| the Merkle tree, from the same start (it runs beside the processors) | %,d | %.1f | %,.0f |", head,
                 treeCaughtUp, head / treeCaughtUp);

            Replays replays = app.getBean(Replays.class);
            for (int run = 1; run <= REPLAYS; run++) {
                String which = REPLAYS == 1 ? "" : " " + run + " of " + REPLAYS;
                start = System.nanoTime();
                replays.replayAll();
                replays.rebuilding().join();
                double rebuilt = seconds(start);
                awaitCaughtUp(app, head);
                double replay = seconds(start);
                line("| replay%s (`POST /api/admin/replay`): the rebuild itself | %,d | %.1f | %,.0f |", which, head,
                     rebuilt, head / rebuilt);
                line("| replay%s, until every processor runs again at the head | %,d | %.1f | %,.0f |", which, head,
                     replay, head / replay);
            }
            disk.phase("replayed", head);
            line("");

            lag(app, writer, ledger);
            disk.phase("after the lag measurement", writer.nextGlobalPosition());
            if (!SKIP.contains("throughput")) {
                throughput(app, ledger);
            }
            if (!SKIP.contains("verify")) {
                verify(app, head);
            }
            if (!SKIP.contains("selfCheck")) {
                selfCheck(app);
            }
            app.close();
            events = writer.nextGlobalPosition();
            if (BACKEND.equals("h2")) {
                disk.phase("the query side stopped", events);
                settle(server, disk, events);
            }
        }
        if (BACKEND.equals("h2")) {
            disk.phase("server closed (its free end truncated)", events);
            line("| Moment | Events | Data file MB | Bytes per event |%n|:---|---:|---:|---:|");
            disk.phases().forEach(phase -> line("| %s | %,d | %,.1f | %,.0f |", phase.moment(), phase.events(),
                                                 phase.bytes() / 1e6, (double) phase.bytes() / phase.events()));
            line("| largest during the run | | %,.1f | |%n", disk.largest() / 1e6);
        }
        Files.writeString(output, report.toString(), StandardCharsets.UTF_8);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    /**
     * After the last write: waits until the data file has not shrunk for 15 s (compaction and shrinking have had
     * their chance), at most {@code bench.settleSeconds}; then its size, and what each map of it holds.
     */
    private void settle(ServerProcess server, DiskWatch disk, long events) throws Exception {
        long start = System.nanoTime();
        long smallest = Long.MAX_VALUE;
        long smallestAt = start;
        while (seconds(start) < SETTLE_SECONDS && seconds(smallestAt) < 15) {
            long size = Files.size(disk.file());
            if (size < smallest) {
                smallest = size;
                smallestAt = System.nanoTime();
            }
            Thread.sleep(1_000);
        }
        double settled = seconds(start);
        disk.phase(String.format(Locale.ROOT, "at rest, %.0f s after the last write", settled), events);
        line("## The data file%n");
        DataFileSpace space = server.space().orElseThrow();
        line("At rest (%.0f s after the last write, the server running): %,.1f MB for %,d events, **%,.0f bytes per "
                     + "event**; %d%% of the file in chunks, %d%% of their bytes live pages (about %,.1f MB, %,.0f "
                     + "bytes per event).%n", settled, space.fileBytes() / 1e6, events,
             (double) space.fileBytes() / events, space.usedPercent(), space.livePercent(),
             space.liveBytesEstimate() / 1e6, (double) space.liveBytesEstimate() / events);
        List<DataFileSpace.MapSpace> maps = server.maps();
        line("Live bytes by map (pages as stored, compressed):%n");
        line("| Map | Entries | MB | Bytes per event |%n|:---|---:|---:|---:|");
        long total = 0;
        for (DataFileSpace.MapSpace map : maps) {
            total += map.bytes();
            if (map.bytes() >= 10_000) {
                line("| `%s` | %,d | %,.2f | %,.0f |", map.name(), map.entries(), map.bytes() / 1e6,
                     (double) map.bytes() / events);
            }
        }
        line("| all maps | | %,.2f | %,.0f |%n", total / 1e6, (double) total / events);
    }

    /** The data file's size at moments of the run, and the largest it was (sampled every second). */
    private static final class DiskWatch implements AutoCloseable {

        record Phase(String moment, long events, long bytes) {
        }

        private final Path file;
        private final List<Phase> phases = new ArrayList<>();
        private final AtomicLong largest = new AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor();

        DiskWatch(Path file) {
            this.file = file;
            sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        }

        Path file() {
            return file;
        }

        private long sample() {
            try {
                long size = Files.exists(file) ? Files.size(file) : 0;
                largest.accumulateAndGet(size, Math::max);
                return size;
            } catch (IOException e) {
                return 0;
            }
        }

        void phase(String moment, long events) {
            phases.add(new Phase(moment, events, sample()));
        }

        List<Phase> phases() {
            return phases;
        }

        long largest() {
            return largest.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    /** One full pass of the query side's self-check over the whole log, nothing else running. */
    private void selfCheck(ConfigurableApplicationContext app) {
        Report report = app.getBean(SelfCheck.class).fullPassHere();
        Report.Pass pass = report.lastFullPass();
        line("## Self-check: one full pass%n");
        line("| Events | Parts of the log | Documents derived and compared | Seconds | Events/s | Problems |");
        line("|---:|---:|---:|---:|---:|---:|");
        line("| %,d | %,d | %,d | %.1f | %,.0f | %d |%n", pass.events(), pass.parts(), pass.documents(),
             pass.millis() / 1e3, pass.events() / (pass.millis() / 1e3), report.problemCount());
    }

    static void seed(LedgerEventStorageEngine writer, Ledger ledger, int events) throws Exception {
        if (writer.nextGlobalPosition() == 0) {
            ledger.setUp().forEach(event -> writer.appendEvents(List.of(event)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        AtomicLong appended = new AtomicLong(writer.nextGlobalPosition());
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < SEED_THREADS; t++) {
            running.add(pool.submit(() -> {
                while (appended.get() < events) {
                    List<DomainEventMessage<?>> story = ledger.nextStory();
                    story.forEach(event -> writer.appendEvents(List.of(event)));
                    long done = appended.addAndGet(story.size());
                    if (done / 100_000 != (done - story.size()) / 100_000) {
                        System.out.printf("seeded %,d events%n", done);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
    }

    /** Steady appends from another client (as the command side), and how long each takes to reach every read model. */
    private void lag(ConfigurableApplicationContext app, LedgerEventStorageEngine writer, Ledger ledger)
            throws Exception {
        Map<Long, Long> appendedAt = new ConcurrentHashMap<>();
        Histogram lags = new Histogram(60_000_000_000L, 3);
        List<DomainEventMessage<?>> pending = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        long total = (long) RATE * LAG_SECONDS;
        var ticks = scheduler.scheduleAtFixedRate(() -> {
            if (sent.get() >= total) {
                return;
            }
            synchronized (pending) {
                if (pending.isEmpty()) {
                    pending.addAll(ledger.nextStory());
                }
                writer.appendEvents(List.of(pending.remove(0)));
            }
            appendedAt.put(writer.nextGlobalPosition() - 1, System.nanoTime());
            sent.incrementAndGet();
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LAG_SECONDS + 30);
        long measured = 0;
        while ((sent.get() < total || !appendedAt.isEmpty()) && System.nanoTime() < deadline) {
            long reached = lowestPosition(app);
            long now = System.nanoTime();
            for (var entry : appendedAt.entrySet()) {
                if (entry.getKey() <= reached) {
                    lags.recordValue(now - entry.getValue());
                    appendedAt.remove(entry.getKey());
                    measured++;
                }
            }
            Thread.sleep(1);
        }
        ticks.cancel(false);
        scheduler.shutdown();
        line("## Projection lag at %d appends/s%n", RATE);
        line("From an append acknowledged (another client, as the command side) until every processor has handled it; "
                     + "positions sampled every millisecond. %,d appends over %d s; %,d left unmeasured.%n",
             measured, LAG_SECONDS, appendedAt.size());
        line("| p50 ms | p90 ms | p99 ms | max ms |%n|---:|---:|---:|---:|");
        line("| %.1f | %.1f | %.1f | %.1f |%n", ms(lags.getValueAtPercentile(50)), ms(lags.getValueAtPercentile(90)),
             ms(lags.getValueAtPercentile(99)), ms(lags.getMaxValue()));
    }

    private void throughput(ConfigurableApplicationContext app, Ledger ledger) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        String dossier = "http://127.0.0.1:" + port + "/api/public/proposals/" + ledger.sampleProposal();
        String trivial = "http://127.0.0.1:" + port + "/bench/trivial";
        line("## Dossier GET beside a trivial endpoint%n");
        line("`wrk -t2 -c%d -d%ds --latency`, on the same 2 cores as the application and its embedded MongoDB; the "
                     + "dossier has 2 versions (a diff), 3 supports, a concern, 2 objections with dispositions and an "
                     + "outcome. Each run is preceded by a 5 s warm-up.%n", CONNECTIONS, WRK_SECONDS);
        line("| Endpoint | Requests/s | p50 ms | p99 ms |%n|:---|---:|---:|---:|");
        double[] ceiling = wrk(trivial);
        double[] measured = wrk(dossier);
        line("| trivial (`/bench/trivial`, a constant string) | %,.0f | %.2f | %.2f |", ceiling[0], ceiling[1],
             ceiling[2]);
        line("| dossier (`/api/public/proposals/{id}`) | %,.0f | %.2f | %.2f |%n", measured[0], measured[1],
             measured[2]);
        line("Dossier throughput: %.0f%% of the trivial endpoint's.%n", 100 * measured[0] / ceiling[0]);
    }

    /** Requests/s, p50 and p99 in ms. */
    private static double[] wrk(String url) throws IOException, InterruptedException {
        Wrk.Result result = Wrk.run(url, CONNECTIONS, WRK_SECONDS);
        return new double[] {result.requestsPerSecond(), result.p50Millis(), result.p99Millis()};
    }

    static void awaitCaughtUp(ConfigurableApplicationContext app, long head) throws InterruptedException {
        long lastPrint = System.nanoTime();
        while (lowestPosition(app) < head - 1) {
            Thread.sleep(50);
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(10)) {
                System.out.printf("processors at %,d of %,d%n", lowestPosition(app), head);
                lastPrint = System.nanoTime();
            }
        }
    }

    /**
     * The auditor's verifier against the running query side ({@code --server}): the export streamed over HTTP, every
     * leaf and the root, and every published dossier rebuilt from the events and compared.
     */
    private void verify(ConfigurableApplicationContext app, long head) {
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err), "--server", base, "--quiet",
                                       "--no-state");
        double seconds = seconds(start);
        line("## The verifier against this query side%n");
        line("`--server` (the export over HTTP, leaves and root, then every published dossier rebuilt from the events "
                     + "and compared, in this JVM): exit %d in %.1f s, %,.0f events/s overall.%n", code, seconds,
             head / seconds);
        line("```%n%s%n```%n", (out.toString() + err.toString()).strip());
    }

    /** The lowest position any segment of any processor of the application has handled. */
    private static long lowestPosition(ConfigurableApplicationContext app) {
        long lowest = Long.MAX_VALUE;
        for (var processor : app.getBean(EventProcessingConfiguration.class).eventProcessors().values()) {
            Map<Integer, EventTrackerStatus> status = ((StreamingEventProcessor) processor).processingStatus();
            if (status.isEmpty()) {
                return -1;
            }
            for (EventTrackerStatus segment : status.values()) {
                OptionalLong position = segment.getCurrentPosition();
                lowest = Math.min(lowest, position.isPresent() ? position.getAsLong() : -1);
            }
        }
        return lowest;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The ceiling: an endpoint of the same application that does nothing. */
    @RestController
    static class TrivialEndpoint {
        @GetMapping("/bench/trivial")
        String trivial() {
            return "ok";
        }
    }
}
