package org.consensusledger.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher jar run as a newcomer runs it (README), in its own process, with its output in a log file. */
final class LedgerProcess implements AutoCloseable {

    static final Pattern TOKEN = Pattern.compile("clt_[A-Za-z0-9_-]{43}");
    private static final Path LAUNCHER = Path.of("target", "consensus-ledger.jar");

    /** The file the command side writes the first secretariat token to, in the data directory. */
    static final String FIRST_TOKEN_FILE = "first-secretariat-token";

    final Process process;
    final Path log;
    private final Path dataDirectory;

    private LedgerProcess(Process process, Path log, Path dataDirectory) {
        this.process = process;
        this.log = log;
        this.dataDirectory = dataDirectory;
    }

    /** Starts the launcher with these arguments and waits until it says the ledger is running. */
    static LedgerProcess start(List<String> arguments, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", LAUNCHER.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int dataDir = arguments.indexOf("--data-dir");
        LedgerProcess ledger = new LedgerProcess(process, log, dataDir < 0 ? null : Path.of(arguments.get(dataDir + 1)));
        // The launcher waits as long as the applications make progress; on a loaded machine a start took 3+ minutes.
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("launcher alive; log:%n%s", ledger.output()).isTrue();
            return ledger.output().contains("Consensus Ledger is running");
        });
        return ledger;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** The secretariat token the first start wrote to its owner-only file in the data directory (never the log). */
    String firstToken() throws IOException {
        return firstToken(dataDirectory.resolve(FIRST_TOKEN_FILE), log);
    }

    /** The token in {@code file}, once the command side has written it; the log must not hold it. */
    static String firstToken(Path file, Path log) throws IOException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(file));
        String token = Files.readString(file).strip();
        assertThat(token).as("the first token file holds the token").matches(TOKEN);
        assertThat(Files.readString(log)).as("the token never goes to the log").doesNotContain(token);
        return token;
    }

    /** What a terminal sends on Ctrl-C. */
    void ctrlC() throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            ctrlC();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the launcher stopped").isTrue();
        }
    }

    /**
     * A port free now, never one this JVM handed out before: a port closed again is soon offered again by the system,
     * and two of a ledger's ports chosen one after the other were once the same (its embedded server and the query
     * side's management port).
     */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
}
