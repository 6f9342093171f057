package org.consensusledger.eventlog.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.benchmark.BenchStore.Kind;
import org.consensusledger.eventlog.benchmark.Report.Table;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.consensusledger.eventlog.benchmark.Report.count;
import static org.consensusledger.eventlog.benchmark.Report.ms;
import static org.consensusledger.eventlog.benchmark.Report.num;

/**
 * Compares this event storage engine with Axon's own Mongo engine and with raw driver inserts, on the embedded
 * server with its memory and its H2 file backend. Not a test: run it with
 * {@code mvn -pl event-store -am -Pbenchmark process-test-classes} (add {@code -Dbench.quick=true} for a smoke run);
 * {@link BenchConfig} lists the options. Results: Markdown on stdout and in {@code target/benchmark-results.md}.
 */
public final class EventLogBenchmark {

    private final BenchConfig config;
    private final Report report;
    private final long started = System.nanoTime();
    private final Table appends = new Table("Backend", "Store", "Writers", "Appends/s", "p50 ms", "p99 ms",
                                            "Appends measured", "Failures");
    private final Table ceiling = new Table("Backend", "Documents sent", "Events stored", "Seconds", "Events/s");
    private final Table reads = new Table("Backend", "Store", "Events stored", "Seeding s (events/s)",
                                          "Events read", "Read s", "Events/s", "Notes");
    private final Table missed = new Table("Backend", "Store", "Written", "Seen (distinct)", "Missed",
                                           "Not reached", "Duplicates", "Out of order", "Reader drains",
                                           "Largest token (ids)", "Writing s", "Catch-up s", "Notes");
    private final Table growth = new Table("Backend", "Store", "Events stored", "Seeding s (events/s)",
                                           "Load p50 ms", "Load p99 ms", "Loads", "Tail events read",
                                           "Tail events/s", "Appends/s (1 writer)", "Append p50 ms", "Append p99 ms",
                                           "Notes");
    private final Map<String, Workloads.AppendOutcome> appendResults = new HashMap<>();
    private final Map<String, MissedEvents.Outcome> missedResults = new HashMap<>();
    private final Map<String, Growth.Outcome> growthResults = new HashMap<>();
    /** Per backend, the fastest way the server alone stored this engine's documents (events/s). */
    private final Map<String, Double> ceilingResults = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    /** How many events this engine's writers stored per commit document (its group commit), per phase. */
    private final List<String> groups = new ArrayList<>();

    private EventLogBenchmark(BenchConfig config) {
        this.config = config;
        this.report = new Report(config.output());
    }

    public static void main(String[] args) throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.consensusledger"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        BenchConfig config = BenchConfig.fromSystemProperties();
        EventLogBenchmark benchmark = new EventLogBenchmark(config);
        Path temp = Files.createTempDirectory("event-log-benchmark");
        try {
            benchmark.run(temp);
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.print(benchmark.report.text());
        System.out.flush();
        System.exit(0);
    }

    private void run(Path temp) {
        report.header(config);
        for (String backend : config.backends()) {
            progress("backend " + backend + ": starting the server");
            try (EmbeddedMongoServer server = start(backend, temp);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                BenchStore.RawShape shape = BenchStore.RawShape.measure(client, "bench-shape");
                report.line("- Backend " + backend + ": a stored single-event commit of this engine is "
                                    + shape.commitBytes() + " bytes of BSON; each raw document is "
                                    + shape.documentBytes() + " bytes");
                if (backend.equals(config.backends().get(0))) {
                    progress("JIT warm-up of every store (not measured)");
                    Workloads.warmUp(config, client, shape);
                }
                runBackend(backend, client, shape);
            }
        }
        writeTables();
        Goals.write(report, config, appendResults, ceilingResults, missedResults, growthResults);
        if (!problems.isEmpty()) {
            report.heading("Problems (a step failed; its stack trace is on stderr)");
            problems.forEach(problem -> report.line("- " + problem));
        }
        report.line("");
        report.line(String.format("Total run time: %.1f s", elapsed()));
    }

    private static EmbeddedMongoServer start(String backend, Path temp) {
        return switch (backend) {
            case "memory" -> EmbeddedMongoServer.inMemory();
            case "h2" -> EmbeddedMongoServer.durable(temp.resolve("h2").resolve("benchmark.mv"), "127.0.0.1", 0);
            default -> throw new IllegalArgumentException("Unknown backend " + backend + " (memory, h2)");
        };
    }

    private void runBackend(String backend, MongoClient client, BenchStore.RawShape shape) {
        if (config.runs("appends")) {
            for (Kind kind : config.stores()) {
                attempt(backend + ", appends, " + kind.label, () -> appends(backend, client, shape, kind));
            }
        }
        if (config.runs("ceiling")) {
            for (Ceiling.Shape sent : Ceiling.SHAPES) {
                attempt(backend + ", ceiling, " + sent.label(), () -> ceiling(backend, client, sent));
            }
        }
        if (config.runs("read")) {
            for (Kind kind : config.stores()) {
                attempt(backend + ", read, " + kind.label, () -> read(backend, client, shape, kind));
            }
        }
        if (config.runs("missed")) {
            for (Kind kind : config.stores()) {
                if (kind != Kind.RAW) {
                    attempt(backend + ", missed, " + kind.label, () -> missed(backend, client, shape, kind));
                }
            }
        }
        if (config.runs("growth")) {
            for (Kind kind : config.stores()) {
                for (int size : kind == Kind.RAW ? List.<Integer>of() : config.growthSizes(backend)) {
                    attempt(backend + ", growth " + size + ", " + kind.label,
                            () -> growth(backend, client, shape, kind, size));
                }
            }
        }
    }

    private void attempt(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            StackTraceElement[] trace = e.getStackTrace();
            problems.add(what + ": " + e + (trace.length > 0 ? " at " + trace[0] : ""));
        }
    }

    private void appends(String backend, MongoClient client, BenchStore.RawShape shape, Kind kind) {
        BenchStore store = BenchStore.create(kind, client, backend + "-appends-" + kind, shape);
        BenchEvents.Pool pool = new BenchEvents.Pool("agg", config.aggregates());
        for (int writers : new int[]{1, config.writers()}) {
            progress(backend + ": appends, " + kind.label + ", " + writers + " writer(s)");
            long[] before = kind == Kind.LEDGER ? storedCommits(store) : null;
            Workloads.AppendOutcome outcome = Workloads.appends(store, pool, writers, config.warmup(),
                                                                config.measure());
            if (before != null) {
                long[] after = storedCommits(store);
                long documents = after[0] - before[0];
                groups.add(String.format("%s, %d writer(s): %.2f events per stored commit document (%s documents, "
                                                 + "warm-up included)", backend, writers,
                                         documents == 0 ? 0.0 : (after[1] - before[1]) / (double) documents,
                                         count(documents)));
            }
            appendResults.put(key(backend, kind, writers), outcome);
            appends.row(backend, kind.label, Integer.toString(writers), num(outcome.perSecond()),
                        ms(outcome.millisAt(50)), ms(outcome.millisAt(99)), count(outcome.appends()),
                        outcome.failures() == 0 ? "0" : outcome.failures() + " (" + outcome.firstFailure() + ")");
        }
        dispose(store);
    }

    /** This engine's commit documents so far and the events in them. */
    private static long[] storedCommits(BenchStore store) {
        MongoCollection<BsonDocument> commits = store.database.getCollection(EventLogSchema.COMMITS,
                                                                             BsonDocument.class);
        long documents = commits.countDocuments();
        BsonDocument last = commits.find().sort(Sorts.descending(EventLogSchema.ID)).first();
        long events = last == null ? 0 : last.getInt64(EventLogSchema.ID).getValue()
                + last.getInt32(EventLogSchema.SIZE).getValue();
        return new long[]{documents, events};
    }

    private void ceiling(String backend, MongoClient client, Ceiling.Shape shape) {
        progress(backend + ": ceiling, " + shape.label());
        Ceiling.Outcome outcome = Ceiling.measure(client, backend + "-ceiling", shape, config.ceilingEvents(),
                                                  config.measure());
        ceiling.row(backend, shape.label(), count(outcome.events()), String.format("%.2f", outcome.seconds()),
                    num(outcome.perSecond()));
        ceilingResults.merge(backend, outcome.perSecond(), Math::max);
    }

    private void read(String backend, MongoClient client, BenchStore.RawShape shape, Kind kind) {
        BenchStore store = BenchStore.create(kind, client, backend + "-read-" + kind, shape);
        progress(backend + ": seeding " + count(config.readEvents()) + " events, " + kind.label);
        Workloads.SeedOutcome seed = Workloads.seed(store, "read", config.readEvents(), config.seedThreads(),
                                                    Long.MAX_VALUE);
        progress(backend + ": tracking read from position 0, " + kind.label);
        long deadline = kind == Kind.AXON ? System.nanoTime() + config.axonReadBudget().toNanos() : Long.MAX_VALUE;
        BenchStore.ReadOutcome read = store.track(null, deadline, event -> {
        });
        String notes = read.stopped() ? "stopped by the " + config.axonReadBudget().toSeconds()
                + " s budget (rate over the part read)" : read.events() == seed.events() ? "complete"
                : "READ " + read.events() + " OF " + seed.events();
        if (kind == Kind.RAW) {
            notes += "; seeded with insertMany of 1,000; read with find() sorted by _id";
        }
        reads.row(backend, kind.label, count(seed.events()), seed.summary(), count(read.events()),
                  String.format("%.2f", read.seconds()), num(read.perSecond()), notes + seed.failureNote());
        dispose(store);
    }

    private void missed(String backend, MongoClient client, BenchStore.RawShape shape, Kind kind) {
        BenchStore store = BenchStore.create(kind, client, backend + "-missed-" + kind, shape);
        progress(backend + ": missed events, " + kind.label + ", " + config.writers() + " writers + 1 reader");
        MissedEvents.Outcome outcome = MissedEvents.run((BenchStore.Engine) store, config.writers(),
                                                        config.missedEvents(), config.aggregates(),
                                                        config.missedCatchUpBudget());
        missedResults.put(key(backend, kind, 0), outcome);
        String notes = (outcome.gaveUp() ? "reader had not caught up after the "
                + config.missedCatchUpBudget().toSeconds() + " s catch-up budget; " : "")
                + (outcome.failures() > 0 ? outcome.failures() + " appends failed: " + outcome.firstFailure() : "")
                + (outcome.unexpected() > 0 ? outcome.unexpected() + " unknown ids seen" : "");
        missed.row(backend, kind.label, count(outcome.written()), count(outcome.distinctSeen()),
                   count(outcome.missed()), count(outcome.notReached()), count(outcome.duplicates()),
                   kind == Kind.LEDGER ? count(outcome.outOfOrder()) : "n/a", count(outcome.drains()),
                   kind == Kind.AXON ? count(outcome.largestTokenIds()) : "1 position",
                   String.format("%.2f", outcome.writeSeconds()), String.format("%.2f", outcome.catchUpSeconds()),
                   notes.isEmpty() ? "-" : notes);
        dispose(store);
    }

    private void growth(String backend, MongoClient client, BenchStore.RawShape shape, Kind kind, int size) {
        BenchStore store = BenchStore.create(kind, client, backend + "-growth-" + size + "-" + kind, shape);
        progress(backend + ": growth at " + count(size) + " events, " + kind.label);
        Growth.Outcome outcome = Growth.run((BenchStore.Engine) store, size, config);
        growthResults.put(key(backend, kind, size), outcome);
        growth.row(backend, kind.label, count(outcome.seed().events()), outcome.seed().summary(),
                   ms(outcome.loadMillisAt(50)), ms(outcome.loadMillisAt(99)), count(outcome.loads().getTotalCount()),
                   count(outcome.tail().events()), num(outcome.tail().perSecond()),
                   num(outcome.append().perSecond()), ms(outcome.append().millisAt(50)),
                   ms(outcome.append().millisAt(99)), outcome.notes(config));
        dispose(store);
    }

    private void writeTables() {
        section("Appends (one event per append, random aggregates among " + count(config.aggregates())
                        + ", each writer owns its own)", appends);
        if (!groups.isEmpty()) {
            report.line("This engine's group commit: " + String.join("; ", groups) + ".");
            report.line("");
        }
        section("The server alone: this engine's documents, encoded beforehand, sent by one thread with one request in "
                        + "flight (as gap-free positions allow); up to " + count(config.ceilingEvents())
                        + " events or " + config.measure().toSeconds() + " s", ceiling);
        section("Tracking read from position 0 over " + count(config.readEvents()) + " stored events", reads);
        section("Missed events: " + config.writers() + " writers append " + count(config.missedEvents())
                        + " events while one reader tracks, resuming from its last token; one event in "
                        + MissedEvents.SLOW_UNIT_EVERY + " comes from a unit of work that took "
                        + MissedEvents.SLOW_UNIT_AGE.toMillis() + " ms (stamped that much before it is stored)",
                missed);
        section("Growth: aggregate loads, tracking over the newest " + count(Growth.TAIL)
                        + " events (or all), appends with 1 writer", growth);
        if (!growth.isEmpty() && config.backends().contains("h2")
                && !config.growthSizes("h2").equals(config.growthSizes("memory"))) {
            report.line("Growth sizes on h2 are " + config.growthSizes("h2") + " (memory: "
                                + config.growthSizes("memory") + "): the H2 backend ingests too slowly to seed "
                                + "1,000,000 events per engine within the run's time budget; -Dbench.h2GrowthSizes "
                                + "overrides this.");
        }
    }

    private void section(String heading, Table table) {
        if (!table.isEmpty()) {
            report.heading(heading);
            report.table(table);
        }
    }

    static String key(String backend, Kind kind, int detail) {
        return backend + "/" + kind + "/" + detail;
    }

    private static void dispose(BenchStore store) {
        store.drop();
        System.gc();
    }

    private void progress(String step) {
        System.err.printf("[%6.1f s] %s%n", elapsed(), step);
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }
}
