package org.consensusledger.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A ledger as three OS processes the test starts itself — the embedded MongoDB-compatible server (its own JVM, on the
 * test's class path), the command side and the query side (their jars) — so that each can be killed with SIGKILL and
 * started again on the same data file, ports and signing key while the others keep running. Every start of a process
 * appends its output to that process's own log file, after a line saying which start it is.
 */
final class LedgerProcesses implements AutoCloseable {

    static final String DATABASE = "consensus-ledger";
    private static final Path APPS = Path.of("target", "apps");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                                     .connectTimeout(Duration.ofSeconds(2)).build();

    /** The three processes, in the order the crash test kills them. */
    enum Part {
        EMBEDDED_SERVER("embedded-server"), COMMAND_SIDE("command-side"), QUERY_SIDE("query-side");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    private final Path directory;
    private final int mongoPort = freePort();
    private final int commandPort = freePort();
    private final int queryPort = freePort();
    private final int commandManagementPort = freePort();
    private final int queryManagementPort = freePort();
    private final Map<Part, Process> running = new EnumMap<>(Part.class);
    private final Map<Part, Integer> starts = new EnumMap<>(Part.class);

    private LedgerProcesses(Path directory) {
        this.directory = directory;
    }

    /** Starts all three with their data in {@code directory} and waits until both applications are healthy. */
    static LedgerProcesses start(Path directory, Duration timeout) {
        LedgerProcesses ledger = new LedgerProcesses(directory);
        try {
            ledger.startProcess(Part.EMBEDDED_SERVER);
            ledger.awaitMongoListening(timeout);
            ledger.startProcess(Part.COMMAND_SIDE);
            ledger.startProcess(Part.QUERY_SIDE);
            ledger.awaitHealthy(timeout);
            return ledger;
        } catch (RuntimeException | Error e) {
            System.out.println(ledger.logTails(60));
            ledger.close();
            throw e;
        }
    }

    int commandPort() {
        return commandPort;
    }

    int queryPort() {
        return queryPort;
    }

    /** Where the command side's health details are (127.0.0.1 only). */
    int commandManagementPort() {
        return commandManagementPort;
    }

    /** Where the query side's health details and metrics are (127.0.0.1 only). */
    int queryManagementPort() {
        return queryManagementPort;
    }

    String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + mongoPort + "/" + database;
    }

    /** SIGKILL: {@link Process#destroyForcibly()} on a process this JVM started directly. */
    void kill(Part part) {
        Process victim = running.remove(part);
        if (victim == null) {
            throw new IllegalStateException(part.label + " is not running");
        }
        victim.destroyForcibly();
        try {
            if (!victim.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(part.label + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        appendToLog(part, "===== [crash test] SIGKILL at " + Instant.now() + " (exit " + victim.exitValue()
                + ") =====");
    }

    /** Starts a killed process again with the same data, port and options. */
    void restart(Part part, Duration timeout) {
        startProcess(part);
        if (part == Part.EMBEDDED_SERVER) {
            awaitMongoListening(timeout);
        }
    }

    /**
     * Waits until the command side and the query side both answer {@code GET /actuator/health} on their management
     * ports with 200 (which needs
     * the log reachable and, on the query side, every processor within its ready lag); fails at once, with the logs,
     * if one of the three processes died.
     */
    void awaitHealthy(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertAllAlive();
            return healthy(commandManagementPort) && healthy(queryManagementPort);
        });
    }

    void assertAllAlive() {
        for (Part part : Part.values()) {
            Process process = running.get(part);
            if (process == null || !process.isAlive()) {
                throw new AssertionError("The " + part.label + " is not running (exit "
                        + (process == null ? "-" : process.exitValue()) + "); its log:\n"
                        + tail(part, 80));
            }
        }
    }

    /** The secretariat's token, which the command side writes to its first token file on its first start only. */
    String secretariatToken() {
        try {
            return LedgerProcess.firstToken(firstTokenFile(), log(Part.COMMAND_SIDE));
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("The command side's first start wrote no secretariat token to "
                    + firstTokenFile() + ":\n" + tail(Part.COMMAND_SIDE, 80), e);
        }
    }

    private Path firstTokenFile() {
        return directory.resolve("data").resolve(LedgerProcess.FIRST_TOKEN_FILE);
    }

    /**
     * The query side's command-line replay ({@code --ledger.replay=true}) on another database of the same server:
     * rebuilds that database's read models from its log and exits. Returns its output.
     */
    String replay(String database, Duration timeout) throws IOException, InterruptedException {
        Path log = directory.resolve("replay-" + database + ".log");
        List<String> command = List.of(java(), "-XX:+UseParallelGC", "-jar", APPS.resolve("query-side.jar").toString(),
                                       "--ledger.replay=true", "--spring.main.web-application-type=none",
                                       "--spring.mongodb.uri=" + mongoUri(database),
                                       "--ledger.audit.key-file=" + directory.resolve("replay-signing.key"));
        Process replay = new ProcessBuilder(command).redirectErrorStream(true)
                                                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        boolean ended = replay.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        String output = read(log);
        if (!ended) {
            replay.destroyForcibly().waitFor();
            throw new AssertionError("The command-line replay did not end within " + timeout + ":\n" + lastLines(
                    output, 60));
        }
        if (replay.exitValue() != 0) {
            throw new AssertionError("The command-line replay exited with " + replay.exitValue() + ":\n"
                    + lastLines(output, 60));
        }
        return output;
    }

    /** The last lines of every process's log, to print when something failed. */
    String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        for (Part part : Part.values()) {
            tails.append("\n===== last ").append(lines).append(" lines of ").append(log(part)).append(" =====\n")
                 .append(tail(part, lines));
        }
        return tails.toString();
    }

    String tail(Part part, int lines) {
        return lastLines(read(log(part)), lines);
    }

    Path log(Part part) {
        return directory.resolve(part.label + ".log");
    }

    /** Stops what is still running: SIGTERM to the applications, then the server, so its file closes cleanly. */
    @Override
    public void close() {
        for (Part part : List.of(Part.QUERY_SIDE, Part.COMMAND_SIDE, Part.EMBEDDED_SERVER)) {
            Process process = running.remove(part);
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }

    private void startProcess(Part part) {
        int start = starts.merge(part, 1, Integer::sum);
        appendToLog(part, "===== [crash test] start #" + start + " at " + Instant.now() + " =====");
        try {
            Process process = new ProcessBuilder(command(part)).redirectErrorStream(true)
                                                               .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                                                       log(part).toFile()))
                                                               .start();
            running.put(part, process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + part.label, e);
        }
    }

    private List<String> command(Part part) {
        List<String> command = new ArrayList<>(List.of(java()));
        switch (part) {
            case EMBEDDED_SERVER -> command.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), EmbeddedServerMain.class.getName(),
                    directory.resolve("data").resolve("ledger.mv").toString(), String.valueOf(mongoPort)));
            case COMMAND_SIDE -> command.addAll(List.of(
                    "-jar", APPS.resolve("command-side.jar").toString(), "--server.port=" + commandPort,
                    "--management.server.port=" + commandManagementPort, "--management.server.address=127.0.0.1",
                    "--spring.mongodb.uri=" + mongoUri(DATABASE),
                    "--ledger.accounts.first-token-file=" + firstTokenFile().toAbsolutePath(),
                    "--ledger.receipts.key-file=" + directory.resolve("data").resolve("receipt-signing.key"),
                    // Required on the command side too: the receipts name the checkpoints' origin.
                    "--ledger.audit.origin=crash-test.localhost/log",
                    "--ledger.audit.public-base-url=http://localhost:" + queryPort));
            case QUERY_SIDE -> command.addAll(List.of(
                    Applications.QUERY_SIDE_JAVA_OPTIONS, "-jar", APPS.resolve("query-side.jar").toString(),
                    "--server.port=" + queryPort, "--spring.mongodb.uri=" + mongoUri(DATABASE),
                    "--management.server.port=" + queryManagementPort, "--management.server.address=127.0.0.1",
                    "--ledger.audit.key-file=" + directory.resolve("keys").resolve("checkpoint-signing.key"),
                    "--ledger.audit.origin=crash-test.localhost/log",
                    "--ledger.audit.public-base-url=http://localhost:" + queryPort,
                    "--ledger.audit.receipt-vkey=" + directory.resolve("data").resolve("receipt-signing.key.pub"),
                    // A full self-check pass follows each restart (and each other) closely.
                    "--ledger.self-check.full-interval=1s", "--ledger.self-check.follow-interval=200ms"));
        }
        return command;
    }

    private void awaitMongoListening(Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            Process server = running.get(Part.EMBEDDED_SERVER);
            if (!server.isAlive()) {
                throw new AssertionError("The embedded server exited with " + server.exitValue() + ":\n"
                        + tail(Part.EMBEDDED_SERVER, 60));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", mongoPort), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                               .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendToLog(Part part, String line) {
        try {
            Files.createDirectories(directory);
            Files.writeString(log(part), line + System.lineSeparator(), StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private static String lastLines(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines - 1);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    private static int freePort() {
        try {
            return LedgerProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
