package org.consensusledger.verifier.benchmark;

import org.consensusledger.audit.Leaves;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.verifier.SyntheticLog;
import org.consensusledger.verifier.VerifierCommand;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The verifier's throughput (not a test). Writes N synthetic stored events (payloads of about 500 bytes) as an
 * NDJSON export with correct leaf hashes, a checkpoint of size N and one saved at about N/2, both signed with a fresh
 * key; then times the verifier over it with one hashing thread and with the default, and, to show where the time
 * goes, the parts alone on one thread: JSON parsing, {@link Leaves#leafHash} (parse + RFC 8785 + SHA-256), and
 * the tree (RFC 6962 node hashing of N leaves).
 *
 * <pre>
 * mvn -o -pl verifier -Pbenchmark process-test-classes [-Dbench.events=200000] [-Dbench.threads=2]
 * </pre>
 */
public final class VerifierBenchmark {

    private static final int CHUNK = 10_000;

    private VerifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(property("bench.events", "1000000"));
        int threads = Integer.parseInt(property("bench.threads",
                                                Integer.toString(Runtime.getRuntime().availableProcessors())));
        Path dir = Path.of(property("bench.dir", "target/benchmark"));
        Path output = Path.of(property("bench.output", "target/verifier-benchmark-results.md"));
        Files.createDirectories(dir);

        long savedSize = Math.max(CHUNK, (events / 2) / CHUNK * CHUNK);
        Path export = dir.resolve("events.ndjson");
        Path checkpoint = dir.resolve("checkpoint.txt");
        Path saved = dir.resolve("saved-checkpoint.txt");
        Path vkey = dir.resolve("vkey.txt");

        long started = System.nanoTime();
        NoteSigner signer = new NoteSigner(KeyText.generate(SyntheticLog.LOG_NAME));
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            SyntheticLog log = new SyntheticLog(signer, line -> write(out, line));
            for (int done = 0; done < events; done += CHUNK) {
                log.appendSynthetic(Math.min(CHUNK, events - done), 1);
                if (log.size() == savedSize) {
                    Files.writeString(saved, log.checkpoint(savedSize));
                }
            }
            Files.writeString(checkpoint, log.checkpoint(log.size()));
        }
        Files.writeString(vkey, signer.verifierKey().format() + "\n");
        double generateSeconds = seconds(started);
        long bytes = Files.size(export);
        System.out.printf("generated %,d events (%,d bytes, %,d bytes/event) in %.1f s%n", events, bytes,
                          bytes / events, generateSeconds);

        String[] common = {"--events", export.toString(), "--checkpoint", checkpoint.toString(),
                "--vkey", vkey.toString(), "--saved", saved.toString(), "--no-state", "--max-age", "none"};
        int[] threadCounts = threads == 1 ? new int[] {1} : new int[] {threads, 1};
        List<String> rows = new ArrayList<>();
        // As an auditor runs it: a fresh JVM per run (java -jar, cold JIT), timed from outside, JVM start included.
        for (int t : threadCounts) {
            rows.add(String.format("| verifier in a fresh JVM (as `java -jar`), %s | %s |", threads(t),
                                   rate(events, freshJvm(common, t))));
        }
        // Warm: in this JVM, after one run over the whole export.
        verifyInProcess(common, threads);
        for (int t : threadCounts) {
            long cpuStart = processCpuNanos();
            double elapsed = verifyInProcess(common, t);
            double cpu = (processCpuNanos() - cpuStart) / 1e9;
            rows.add(String.format("| verifier warm (in-process, second run), %s | %s; %,.0f events per CPU-second |",
                                   threads(t), rate(events, elapsed), events / cpu));
        }
        rows.add(String.format("| part, 1 thread, warm: JSON parse into a tree only | %s |",
                               rate(events, parseOnly(export))));
        rows.add(String.format("| part, 1 thread, warm: `Leaves.leafHash` of the tree (parse, RFC 8785, SHA-256) "
                                       + "| %s |", rate(events, leafHashOnly(export))));
        rows.add(String.format("| part, 1 thread, warm: `Leaves.leafHash` streamed from the parser, as the verifier "
                                       + "does | %s |", rate(events, streamedLeafHashOnly(export))));
        rows.add(String.format("| part, 1 thread, warm: tree (%,d leaves, RFC 6962 node hashes) | %s |", events,
                               rate(events, treeOnly(events))));

        StringBuilder report = new StringBuilder()
                .append("# Verifier benchmark\n\n")
                .append(String.format("%,d events, %,d bytes (%,d bytes/event); %d processors; Java %s; "
                                      + "load average %.1f at the end%n%n",
                                      events, bytes, bytes / events, Runtime.getRuntime().availableProcessors(),
                                      System.getProperty("java.version"),
                                      java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                                                            .getSystemLoadAverage()))
                .append("| what | events/s (time) |\n| --- | --- |\n");
        for (String row : rows) {
            report.append(row).append('\n');
        }
        System.out.print(report);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, report);
    }

    private static String threads(int count) {
        return count + " hashing thread" + (count == 1 ? "" : "s");
    }

    /** Runs the verifier in this JVM; returns the seconds it took. */
    private static double verifyInProcess(String[] common, int threads) {
        List<String> args = new ArrayList<>(List.of(common));
        args.addAll(List.of("--threads", Integer.toString(threads), "--quiet"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        double elapsed = seconds(start);
        if (code != 0) {
            throw new IllegalStateException("the verifier failed (" + code + "): " + out + err);
        }
        return elapsed;
    }

    /** Runs the verifier's main class in a new JVM with this classpath and no options; returns the seconds. */
    private static double freshJvm(String[] common, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VerifierCommand.class.getName()));
        command.addAll(List.of(common));
        command.addAll(List.of("--threads", Integer.toString(threads), "--quiet"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        double elapsed = seconds(start);
        System.out.print(output);
        if (code != 0) {
            throw new IllegalStateException("the verifier failed (" + code + "): " + output);
        }
        return elapsed;
    }

    private static double parseOnly(Path export) throws IOException {
        long start = System.nanoTime();
        long sink = 0;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                sink += SyntheticLog.MAPPER.readTree(line).size();
            }
        }
        blackhole(sink);
        return seconds(start);
    }

    private static double leafHashOnly(Path export) throws IOException {
        long start = System.nanoTime();
        long sink = 0;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                sink += Leaves.leafHash(SyntheticLog.MAPPER.readTree(line))[0];
            }
        }
        blackhole(sink);
        return seconds(start);
    }

    private static double streamedLeafHashOnly(Path export) throws IOException {
        long start = System.nanoTime();
        long sink = 0;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                try (com.fasterxml.jackson.core.JsonParser parser = SyntheticLog.MAPPER.createParser(line)) {
                    parser.nextToken();
                    sink += Leaves.leafHash(parser, null)[0];
                }
            }
        }
        blackhole(sink);
        return seconds(start);
    }

    /** The RFC 6962 tree over N leaves, as the verifier folds it: one node hash per leaf, on average. */
    private static double treeOnly(int events) {
        byte[] leaf = MerkleHash.leafHash(new byte[] {1});
        byte[][] edge = new byte[64][];
        long start = System.nanoTime();
        for (long size = 0; size < events; size++) {
            byte[] hash = leaf;
            int level = 0;
            long index = size;
            while ((index & 1) == 1) {
                hash = MerkleHash.nodeHash(edge[level], hash);
                level++;
                index >>= 1;
            }
            edge[level] = hash;
        }
        blackhole(edge[0] == null ? 0 : edge[0][0]);
        return seconds(start);
    }

    /** CPU time of the whole process (all threads, JIT and GC included): a figure that other load does not skew. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rate(long events, double seconds) {
        return String.format("%,.0f events/s (%.1f s)", events / seconds, seconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static volatile long consumed;

    private static void blackhole(long value) {
        consumed += value;
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
