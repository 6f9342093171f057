package org.consensusledger.query.benchmark;

import org.consensusledger.embedded.EmbeddedMongoServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded MongoDB-compatible server for a benchmark, either in the benchmark's own JVM or, as the README's
 * launcher runs it, in a JVM of its own ({@code bench.server=process}, the default): then the database's documents
 * are not on the benchmark's heap and its garbage collections do not pause the application being measured. The two
 * still share the machine's cores.
 */
final class ServerProcess implements AutoCloseable {

    private final EmbeddedMongoServer inThisJvm;
    private final Process child;
    private final String connectionString;

    private ServerProcess(EmbeddedMongoServer inThisJvm, Process child, String connectionString) {
        this.inThisJvm = inThisJvm;
        this.child = child;
        this.connectionString = connectionString;
    }

    /** Starts the server as {@code bench.server} ({@code process} or {@code jvm}) and {@code backend} say. */
    static ServerProcess start(String backend, Path file) throws IOException {
        String where = System.getProperty("bench.server", "process");
        if (where.equals("jvm")) {
            EmbeddedMongoServer server = open(backend, file);
            return new ServerProcess(server, null, server.connectionString());
        }
        if (!where.equals("process")) {
            throw new IllegalArgumentException("bench.server is 'process' or 'jvm', not '" + where + "'");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("bench.serverHeap", "8g")));
        String extra = System.getProperty("bench.serverJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), backend,
                               file.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("LISTENING ")) {
            // the server's own log lines go to stderr; anything else before the address is skipped
        }
        if (line == null) {
            throw new IllegalStateException("The embedded server process ended before it listened");
        }
        return new ServerProcess(null, child, line.substring("LISTENING ".length()));
    }

    String connectionString() {
        return connectionString;
    }

    String where() {
        return inThisJvm != null ? "in the benchmark's JVM" : "in a JVM of its own (pid " + child.pid() + ")";
    }

    @Override
    public void close() {
        if (inThisJvm != null) {
            inThisJvm.close();
            return;
        }
        try {
            child.getOutputStream().close(); // the child stops cleanly when its input ends
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
    }

    private static EmbeddedMongoServer open(String backend, Path file) {
        return switch (backend) {
            case "memory" -> EmbeddedMongoServer.inMemory();
            case "h2" -> EmbeddedMongoServer.durable(file, "127.0.0.1", 0);
            default -> throw new IllegalArgumentException("bench.backend is 'memory' or 'h2', not '" + backend + "'");
        };
    }

    /** The child: {@code <backend> <file>}; prints {@code LISTENING <connection string>}, stops at end of input. */
    public static void main(String[] args) throws IOException {
        try (EmbeddedMongoServer server = open(args[0], Path.of(args[1]))) {
            System.out.println("LISTENING " + server.connectionString());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input (or to die)
            }
        }
    }
}
