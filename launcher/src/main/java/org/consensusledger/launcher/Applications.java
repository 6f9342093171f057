package org.consensusledger.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The two Spring Boot applications, each in a JVM of its own, sharing the launcher's console. */
final class Applications {

    private static final Logger LOGGER = LoggerFactory.getLogger(Applications.class);
    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    /**
     * The query side's JVM options unless told otherwise: the throughput (parallel) collector. Its work is
     * projections and replays, which allocate fast and keep recently changed documents; with G1 a replay ran at
     * 7,000–12,000 events/s, with this collector 11,000–20,000 (docs/performance.md).
     */
    static final String QUERY_SIDE_JAVA_OPTIONS = "-XX:+UseParallelGC";

    private final Path directory;
    private final String mongoUri;
    /** The address both applications' public ports listen on (the management ports: the loopback always). */
    private final String address;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean stopping;

    private record Running(Process process, int port, int managementPort) {
    }

    Applications(Path directory, String mongoUri, String address) {
        this.directory = directory;
        this.mongoUri = mongoUri;
        this.address = address;
    }

    /**
     * Starts an application with the JVM options given (separated by spaces; may be empty) and its own arguments. Its
     * actuator listens on {@code managementPort} on the loopback only: health details are there (and metrics, where
     * it has some), the public port answers the bare status ({@code /livez}, {@code /readyz}).
     */
    void start(String name, int port, int managementPort, String javaOptions, String... arguments)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        String options = javaOptions == null ? "" : javaOptions.strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", directory.resolve(name + ".jar").toString(), "--server.port=" + port,
                               "--server.address=" + address,
                               "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                               "--spring.mongodb.uri=" + mongoUri));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .inheritIO()
                .start();
        synchronized (running) {
            running.put(name, new Running(process, port, managementPort));
        }
        LOGGER.info("Starting the {} on http://localhost:{}, management on http://127.0.0.1:{} (pid {})", name, port,
                    managementPort, process.pid());
    }

    /**
     * Waits until every application says it is alive (its liveness probe answers UP); false if one died or time ran
     * out. Liveness, not the whole health: a query side whose read models are still catching up, or stopped at an
     * event they cannot take in, is running and says so on its pages; the launcher must not give up on it.
     */
    boolean awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (Map.Entry<String, Running> application : List.copyOf(running.entrySet())) {
            String name = application.getKey();
            Running app = application.getValue();
            while (!isUp(app.managementPort())) {
                if (!app.process().isAlive()) {
                    LOGGER.error("The {} exited with code {} while starting; see its log above", name,
                                 app.process().exitValue());
                    return false;
                }
                if (Instant.now().isAfter(deadline)) {
                    LOGGER.error("The {} did not report healthy within {}", name, timeout);
                    return false;
                }
                Thread.sleep(HEALTH_POLL.toMillis());
            }
            // Says what its management port serves: health always, metrics (Prometheus) where there are some.
            String management = "http://127.0.0.1:" + app.managementPort() + "/actuator/";
            LOGGER.info("The {} is up: http://localhost:{} (health: {}health{})", name, app.port(), management,
                        answers(URI.create(management + "prometheus")) ? ", metrics: " + management + "prometheus"
                                                                        : "");
        }
        return true;
    }

    private boolean isUp(int managementPort) {
        return answers(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/liveness"));
    }

    /** Whether {@code address} answers 200. */
    private boolean answers(URI address) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until one application exits, and names it; null when it exited because the ledger is stopping. */
    String awaitFirstExit() {
        Map<CompletableFuture<Process>, String> exits = new LinkedHashMap<>();
        running.forEach((name, app) -> exits.put(app.process().onExit(), name));
        CompletableFuture.anyOf(exits.keySet().toArray(CompletableFuture[]::new)).join();
        if (stopping) {
            return null;
        }
        return exits.entrySet().stream().filter(e -> e.getKey().isDone()).map(Map.Entry::getValue).findFirst()
                    .orElse("application");
    }

    /** Asks every application to stop gracefully (SIGTERM), waits, and kills what is left after {@code grace}. */
    void stopAll(Duration grace) {
        stopping = true;
        List<Running> all;
        synchronized (running) {
            all = List.copyOf(running.values());
        }
        all.forEach(app -> app.process().destroy());
        for (Running app : all) {
            try {
                if (!app.process().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOGGER.warn("pid {} did not stop within {}; killing it", app.process().pid(), grace);
                    app.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                app.process().destroyForcibly();
            }
        }
    }
}
