package org.consensusledger.query.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.tlog.MerkleTree;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The transparency log's benchmark (docs/performance.md), not a test: append throughput with the Merkle tree kept
 * beside the appends and without it, the tree's catch-up rate, and proof latency at the log's full size. Everything
 * runs on the embedded server (memory backend), in a JVM of its own unless {@code bench.server=jvm}, as the
 * query-side benchmark does.
 * {@code mvn -pl query-side -am -Pbenchmark-tlog process-test-classes [-Dbench.events=1000000]}
 */
public final class TransparencyLogBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int MEASURED = Integer.getInteger("bench.appendEvents", 100_000);
    private static final int PROOFS = Integer.getInteger("bench.proofs", 20_000);

    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        new TransparencyLogBenchmark().run(Path.of(System.getProperty("bench.output", "tlog-benchmark-results.md")));
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        try (ServerProcess server = ServerProcess.start("memory", Path.of("unused"));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            LedgerEventStorageEngine writer = EventLogFixtures.engine(database);
            Ledger ledger = new Ledger();
            line("# Transparency-log benchmark%n%nEmbedded server (memory backend) %s; Java %s; "
                         + "%d cores.%n", server.where(), System.getProperty("java.version"),
                 Runtime.getRuntime().availableProcessors());

            int before = Math.max(EVENTS - 2 * MEASURED, 0);
            QuerySideBenchmark.seed(writer, ledger, before);
            double off = appendRate(writer, ledger, MEASURED);

            MerkleLog tree = new MerkleLog(new LedgerDatabase(database), writer, new AuditProperties(
                    URI.create("http://localhost:8082"), null, Path.of("unused"), Duration.ofSeconds(10), 1000,
                    Duration.ofMillis(50), Duration.ofHours(1)), new SimpleMeterRegistry());
            long catchUpStart = System.nanoTime();
            tree.start();
            long head = writer.nextGlobalPosition();
            while (tree.size() < head) {
                Thread.sleep(50);
            }
            double catchUp = seconds(catchUpStart);
            double on = appendRate(writer, ledger, MEASURED);
            head = writer.nextGlobalPosition();
            while (tree.size() < head) {
                Thread.sleep(20);
            }
            tree.stop();

            line("## Appends with and without the tree%n");
            line("Seeded first: %,d events; then %,d events appended (one per commit, 4 writers) without the tree, "
                         + "then the tree caught up with the log, then %,d more appended while it followed them.%n",
                 before, MEASURED, MEASURED);
            line("| Measure | Figure |%n|:---|---:|");
            line("| appends, tree off | %,.0f events/s |", off);
            line("| appends, tree on (kept beside them) | %,.0f events/s |", on);
            line("| cost of the tree | %.1f%% |", 100 * (off - on) / off);
            line("| tree catching up from 0 to %,d leaves | %,.0f events/s |%n", before + MEASURED,
                 (before + MEASURED) / catchUp);

            MerkleTree full = tree.tree();
            long size = full.size();
            SplittableRandom random = new SplittableRandom(1);
            Histogram inclusion = new Histogram(10_000_000_000L, 3);
            Histogram consistency = new Histogram(10_000_000_000L, 3);
            for (int i = 0; i < PROOFS; i++) {
                long index = random.nextLong(size);
                long start = System.nanoTime();
                full.inclusionProof(index, size);
                full.root(size);
                inclusion.recordValue(System.nanoTime() - start);
                long from = 1 + random.nextLong(size - 1);
                start = System.nanoTime();
                full.consistencyProof(from, size);
                full.root(from);
                consistency.recordValue(System.nanoTime() - start);
            }
            line("## Proofs at %,d leaves%n", size);
            line("%,d random proofs of each kind, each with the root(s) it is checked against, computed from the "
                         + "stored nodes (one query per proof plus one per root); the HTTP endpoints add JSON and "
                         + "the request itself.%n", PROOFS);
            line("| Proof | p50 ms | p99 ms | max ms |%n|:---|---:|---:|---:|");
            line("| inclusion | %.2f | %.2f | %.2f |", millis(inclusion, 50), millis(inclusion, 99),
                 inclusion.getMaxValue() / 1e6);
            line("| consistency | %.2f | %.2f | %.2f |", millis(consistency, 50), millis(consistency, 99),
                 consistency.getMaxValue() / 1e6);
        }
        Files.writeString(output, report.toString(), StandardCharsets.UTF_8);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    private static double appendRate(LedgerEventStorageEngine writer, Ledger ledger, int count) throws Exception {
        long from = writer.nextGlobalPosition();
        long start = System.nanoTime();
        QuerySideBenchmark.seed(writer, ledger, (int) from + count);
        return (writer.nextGlobalPosition() - from) / seconds(start);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void line(String format, Object... arguments) {
        String text = String.format(format, arguments);
        System.out.println(text);
        report.append(text).append('\n');
    }
}
