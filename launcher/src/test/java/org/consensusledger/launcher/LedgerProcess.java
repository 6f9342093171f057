package org.consensusledger.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher jar run as a newcomer runs it (README), in its own process, with its output in a log file. */
final class LedgerProcess implements AutoCloseable {

    static final Pattern TOKEN = Pattern.compile("clt_[A-Za-z0-9_-]{43}");
    private static final Path LAUNCHER = Path.of("target", "consensus-ledger.jar");

    final Process process;
    final Path log;

    private LedgerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the launcher with these arguments and waits until it says the ledger is running. */
    static LedgerProcess start(List<String> arguments, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", LAUNCHER.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LedgerProcess ledger = new LedgerProcess(process, log);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("launcher alive; log:%n%s", ledger.output()).isTrue();
            return ledger.output().contains("Consensus Ledger is running");
        });
        return ledger;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** The secretariat token printed on the first start. */
    String firstToken() throws IOException {
        Matcher token = TOKEN.matcher(output());
        assertThat(token.find()).as("the first start prints the secretariat token").isTrue();
        return token.group();
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
