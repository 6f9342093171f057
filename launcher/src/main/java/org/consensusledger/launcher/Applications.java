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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The two Spring Boot applications, each in a JVM of its own, sharing the launcher's console, and kept running: one
 * that exits without being asked is started again after a back-off ({@link RestartBackoff}) while the other runs on.
 * Each is given the launcher's pid ({@code ledger.launcher.pid}) and stops by itself once the launcher is gone, and
 * each start is recorded in the {@link PidFile}, so that nothing outlives a killed launcher for long.
 */
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
    private final PidFile pidFile;
    private final List<Application> applications = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "application-restarts"));
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Guarded by this: once supervising, an exit is a crash and restarted; once stopping, nothing starts. */
    private boolean supervising;
    private boolean stopping;
    private Duration startupTimeout;

    /** One application: how it is started, and the process running it now. */
    private static final class Application {
        final String name;
        final String label;
        final int port;
        final int managementPort;
        final List<String> command;
        final RestartBackoff backoff = new RestartBackoff();
        Process process;
        Instant started;
        boolean exitHandled;

        Application(String name, int port, int managementPort, List<String> command) {
            this.name = name;
            this.label = name.replace('-', ' ');
            this.port = port;
            this.managementPort = managementPort;
            this.command = command;
        }
    }

    Applications(Path directory, String mongoUri, String address, PidFile pidFile) {
        this.directory = directory;
        this.mongoUri = mongoUri;
        this.address = address;
        this.pidFile = pidFile;
    }

    /**
     * Adds an application with the JVM options given (separated by spaces; may be empty) and its own arguments. Its
     * actuator listens on {@code managementPort} on the loopback only: health details are there (and metrics, where
     * it has some), the public port answers the bare status ({@code /livez}, {@code /readyz}).
     */
    void add(String name, int port, int managementPort, String javaOptions, String... arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        String options = javaOptions == null ? "" : javaOptions.strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", directory.resolve(name + ".jar").toString(), "--server.port=" + port,
                               "--server.address=" + address,
                               "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                               "--spring.mongodb.uri=" + mongoUri,
                               "--ledger.launcher.pid=" + ProcessHandle.current().pid()));
        command.addAll(List.of(arguments));
        applications.add(new Application(name, port, managementPort, List.copyOf(command)));
    }

    /** Starts every application added. */
    synchronized void startAll() throws IOException {
        for (Application application : applications) {
            start(application);
        }
    }

    private void start(Application application) throws IOException {
        Process process = new ProcessBuilder(application.command).inheritIO().start();
        application.process = process;
        application.started = Instant.now();
        application.exitHandled = false;
        process.onExit().thenAccept(exited -> exited(application, exited));
        LOGGER.info("Starting the {} on http://localhost:{}, management on http://127.0.0.1:{} (pid {})",
                    application.label, application.port, application.managementPort, process.pid());
        recordPids();
    }

    /**
     * Waits until every application says it is alive (its liveness probe answers UP); false if one died, or made no
     * progress for {@code timeout} ({@link StartupProgress}). Liveness, not the whole health: a query side whose read
     * models are still catching up, or stopped at an event they cannot take in, is running and says so on its pages;
     * the launcher must not give up on it.
     */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        Map<Application, StartupProgress> starting = new LinkedHashMap<>();
        applications.forEach(application -> starting.put(application, new StartupProgress(
                timeout, Instant.now(), StartupProgress.cpuOf(application.process))));
        while (!starting.isEmpty()) {
            for (var entry : List.copyOf(starting.entrySet())) {
                Application application = entry.getKey();
                Process process = application.process;
                if (isUp(application.managementPort) && process.isAlive()) {
                    starting.remove(application);
                    logUp(application, "is up");
                } else if (!process.isAlive()) {
                    LOGGER.error("The {} exited with code {} while starting; see its log above", application.label,
                                 process.exitValue());
                    return false;
                } else if (!entry.getValue().observe(Instant.now(), StartupProgress.cpuOf(process))) {
                    LOGGER.error("The {} (pid {}) made no progress for {} while starting (its CPU time stopped "
                                         + "growing) and is not up; giving up. See its log above; --startup-timeout "
                                         + "gives a start more time", application.label, process.pid(), timeout);
                    return false;
                }
            }
            if (!starting.isEmpty()) {
                Thread.sleep(HEALTH_POLL.toMillis());
            }
        }
        return true;
    }

    private void logUp(Application application, String state) {
        // Says what its management port serves: health always, metrics (Prometheus) where there are some.
        String management = "http://127.0.0.1:" + application.managementPort + "/actuator/";
        LOGGER.info("The {} {}: http://localhost:{} (health: {}health{})", application.label, state,
                    application.port, management, answers(URI.create(management + "prometheus"))
                                                  ? ", metrics: " + management + "prometheus" : "");
    }

    /**
     * From now on an application that exits without being asked is started again, after its back-off; a restart
     * that makes no progress for {@code timeout} before it is up is killed, and so tried again too.
     */
    synchronized void supervise(Duration timeout) {
        startupTimeout = timeout;
        supervising = true;
        applications.stream().filter(application -> !application.process.isAlive())
                    .forEach(application -> exited(application, application.process));
    }

    private synchronized void exited(Application application, Process process) {
        if (stopping || !supervising || application.process != process || application.exitHandled) {
            return;
        }
        application.exitHandled = true;
        Duration wait = application.backoff.afterExit(Duration.between(application.started, Instant.now()));
        LOGGER.error("The {} stopped unexpectedly (exit code {}); restarting it in {} (restart {})", application.label,
                     process.exitValue(), RestartBackoff.inWords(wait), application.backoff.restarts());
        restarts.schedule(() -> restart(application), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Application application) {
        Process process;
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                start(application);
            } catch (IOException e) {
                Duration wait = application.backoff.afterExit(Duration.ZERO);
                LOGGER.error("Cannot start the {} again ({}); trying again in {} (restart {})", application.label,
                             e.getMessage(), RestartBackoff.inWords(wait), application.backoff.restarts());
                restarts.schedule(() -> restart(application), wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            process = application.process;
        }
        daemon(() -> awaitUpAgain(application, process), "await-" + application.name).start();
    }

    private void awaitUpAgain(Application application, Process process) {
        StartupProgress progress = new StartupProgress(startupTimeout, Instant.now(), StartupProgress.cpuOf(process));
        try {
            while (process.isAlive() && !isStopping()) {
                if (isUp(application.managementPort)) {
                    logUp(application, "is up again (pid " + process.pid() + ")");
                    return;
                }
                if (!progress.observe(Instant.now(), StartupProgress.cpuOf(process))) {
                    LOGGER.error("The {} (pid {}) made no progress for {} while restarting; killing it",
                                 application.label, process.pid(), startupTimeout);
                    process.destroyForcibly();
                    return;
                }
                Thread.sleep(HEALTH_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
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

    /** Records the launcher and the applications' processes as they are now; a failure to is logged, not fatal. */
    private void recordPids() {
        List<PidFile.Entry> entries = new ArrayList<>();
        PidFile.Entry.of(PidFile.LAUNCHER, ProcessHandle.current()).ifPresent(entries::add);
        applications.stream().filter(application -> application.process != null)
                    .forEach(application -> PidFile.Entry.of(application.name, application.process.toHandle())
                                                         .ifPresent(entries::add));
        try {
            pidFile.write(entries);
        } catch (IOException e) {
            LOGGER.warn("Cannot record the applications' pids in {} ({}): a launcher started after this one is "
                                + "killed will not find them", pidFile.path(), e.toString());
        }
    }

    /** Blocks until {@link #stopAll} has run. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Asks every application to stop gracefully (SIGTERM), waits, and kills what is left after {@code grace}. */
    void stopAll(Duration grace) {
        List<Process> all = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            restarts.shutdownNow();
            applications.stream().map(application -> application.process).filter(process -> process != null)
                        .forEach(all::add);
        }
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOGGER.warn("pid {} did not stop within {}; killing it", process.pid(), grace);
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try {
            pidFile.delete();
        } catch (IOException e) {
            LOGGER.warn("Cannot delete {} ({}); the next start reads it and finds nothing running", pidFile.path(),
                        e.toString());
        }
        stopped.countDown();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
