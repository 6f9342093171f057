package org.consensusledger.query.benchmark;

import org.consensusledger.embedded.DataFileSpace;
import org.consensusledger.embedded.EmbeddedMongoServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final BufferedReader childOut;
    private final String connectionString;

    private ServerProcess(EmbeddedMongoServer inThisJvm, Process child, BufferedReader childOut,
                          String connectionString) {
        this.inThisJvm = inThisJvm;
        this.child = child;
        this.childOut = childOut;
        this.connectionString = connectionString;
    }

    /** Starts the server as {@code bench.server} ({@code process} or {@code jvm}) and {@code backend} say. */
    static ServerProcess start(String backend, Path file) throws IOException {
        String where = System.getProperty("bench.server", "process");
        if (where.equals("jvm")) {
            EmbeddedMongoServer server = open(backend, file);
            return new ServerProcess(server, null, null, server.connectionString());
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
        return new ServerProcess(null, child, out, line.substring("LISTENING ".length()));
    }

    /** How the data file uses its space now (H2 only). */
    synchronized Optional<DataFileSpace> space() throws IOException {
        if (inThisJvm != null) {
            return inThisJvm.dataFileSpace();
        }
        String reply = ask("SPACE").get(0);
        if (reply.equals("SPACE NONE")) {
            return Optional.empty();
        }
        String[] f = reply.substring("SPACE ".length()).split(" ");
        return Optional.of(new DataFileSpace(Long.parseLong(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                                             Long.parseLong(f[3])));
    }

    /** The live bytes of each map of the data file, largest first (H2 only; reads every page). */
    synchronized List<DataFileSpace.MapSpace> maps() throws IOException {
        if (inThisJvm != null) {
            return inThisJvm.dataFileMaps();
        }
        List<DataFileSpace.MapSpace> maps = new ArrayList<>();
        for (String line : ask("MAPS")) {
            String[] f = line.substring("MAP ".length()).split(" ");
            maps.add(new DataFileSpace.MapSpace(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        return maps;
    }

    /**
     * Sends one request line to the child and reads its answer up to the line {@code END}: the lines that start with
     * the request's answer prefix (any other line on the child's output is a log line and skipped).
     */
    private List<String> ask(String request) throws IOException {
        String prefix = request.equals("SPACE") ? "SPACE " : "MAP ";
        child.getOutputStream().write((request + "\n").getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().flush();
        List<String> answer = new ArrayList<>();
        String line;
        while ((line = childOut.readLine()) != null && !line.equals("END")) {
            if (line.startsWith(prefix)) {
                answer.add(line);
            }
        }
        return answer;
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

    /**
     * The child: {@code <backend> <file>}; prints {@code LISTENING <connection string>}, answers {@code SPACE} and
     * {@code MAPS} requests on its input, stops at end of input.
     */
    public static void main(String[] args) throws IOException {
        try (EmbeddedMongoServer server = open(args[0], Path.of(args[1]))) {
            System.out.println("LISTENING " + server.connectionString());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String request;
            while ((request = in.readLine()) != null) { // until the parent closes our input (or dies)
                if (request.equals("SPACE")) {
                    System.out.println("SPACE " + server.dataFileSpace().map(space -> space.fileBytes() + " "
                            + space.usedPercent() + " " + space.livePercent() + " " + space.liveBytesEstimate())
                                             .orElse("NONE"));
                } else if (request.equals("MAPS")) {
                    server.dataFileMaps().forEach(map -> System.out.println(
                            "MAP " + map.name() + " " + map.entries() + " " + map.bytes()));
                }
                System.out.println("END");
                System.out.flush();
            }
        }
    }
}
