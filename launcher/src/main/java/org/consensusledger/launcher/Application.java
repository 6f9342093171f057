package org.consensusledger.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** One of the two applications: how it is started, and the process running it now (guarded by its Applications). */
final class Application {

    final String name;
    /** Its name in the log's sentences: "query side". */
    final String label;
    final int port;
    final int managementPort;
    final RestartBackoff backoff = new RestartBackoff();
    private final List<String> command;
    private Process process;
    private Instant started;
    private boolean exitHandled;

    /**
     * {@code javaOptions}: separated by spaces; may be empty. Its actuator listens on {@code managementPort} on the
     * loopback only: health details are there (and metrics, where it has some), the public port answers the bare
     * status ({@code /livez}, {@code /readyz}). It is told the launcher's pid, and stops once the launcher is gone.
     */
    Application(Path jars, String name, int port, int managementPort, String address, String mongoUri,
                String javaOptions, List<String> arguments) {
        this.name = name;
        this.label = name.replace('-', ' ');
        this.port = port;
        this.managementPort = managementPort;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java));
        String options = javaOptions == null ? "" : javaOptions.strip();
        if (!options.isEmpty()) {
            line.addAll(List.of(options.split("\\s+")));
        }
        line.addAll(List.of("-jar", jars.resolve(name + ".jar").toString(), "--server.port=" + port,
                            "--server.address=" + address,
                            "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                            "--spring.mongodb.uri=" + mongoUri,
                            "--ledger.launcher.pid=" + ProcessHandle.current().pid()));
        line.addAll(arguments);
        this.command = List.copyOf(line);
    }

    /** Starts a process of it, sharing the launcher's console; {@code onExit} is told when that process exits. */
    Process start(BiConsumer<Application, Process> onExit) throws IOException {
        Process started = new ProcessBuilder(command).inheritIO().start();
        this.process = started;
        this.started = Instant.now();
        this.exitHandled = false;
        started.onExit().thenAccept(exited -> onExit.accept(this, exited));
        return started;
    }

    Process process() {
        return process;
    }

    Instant started() {
        return started;
    }

    /** True the first time it is asked about its current process's exit, so that one exit is handled once. */
    boolean firstToHandleExitOf(Process exited) {
        if (exited != process || exitHandled) {
            return false;
        }
        exitHandled = true;
        return true;
    }

    /** Its entry in the pid file, while it has a process. */
    Optional<PidFile.Entry> pidEntry() {
        return process == null ? Optional.empty() : PidFile.Entry.of(name, process.toHandle());
    }
}
