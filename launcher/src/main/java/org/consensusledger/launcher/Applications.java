package org.consensusledger.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final ManagementProbe probe = new ManagementProbe();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "application-restarts"));
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Guarded by this: once supervising, an exit is a crash and restarted; once stopping, nothing starts. */
    private boolean supervising;
    private boolean stopping;
    private Duration startupTimeout;

    Applications(Path directory, String mongoUri, String address, PidFile pidFile) {
        this.directory = directory;
        this.mongoUri = mongoUri;
        this.address = address;
        this.pidFile = pidFile;
    }

    /** Adds an application with its JVM options (separated by spaces; may be empty) and its own arguments. */
    void add(String name, int port, int managementPort, String javaOptions, String... arguments) {
        applications.add(new Application(directory, name, port, managementPort, address, mongoUri, javaOptions,
                                         List.of(arguments)));
    }

    /** Starts every application added. */
    synchronized void startAll() throws IOException {
        for (Application application : applications) {
            start(application);
        }
    }

    private void start(Application application) throws IOException {
        Process process = application.start(this::exited);
        LOGGER.info("Starting the {} on http://localhost:{}, management on http://127.0.0.1:{} (pid {})",
                    application.label, application.port, application.managementPort, process.pid());
        recordPids();
    }

    /**
     * Waits until every application says it is alive ({@link ManagementProbe}); false if one died, or made no
     * progress for {@code timeout} ({@link StartupProgress}).
     */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        Map<Application, StartupProgress> starting = new LinkedHashMap<>();
        applications.forEach(application -> starting.put(application, new StartupProgress(
                timeout, Instant.now(), StartupProgress.cpuOf(application.process()))));
        while (!starting.isEmpty()) {
            for (var entry : List.copyOf(starting.entrySet())) {
                Application application = entry.getKey();
                Process process = application.process();
                if (probe.isLive(application.managementPort) && process.isAlive()) {
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
        LOGGER.info("The {} {}: http://localhost:{} ({})", application.label, state, application.port,
                    probe.whatItServes(application.managementPort));
    }

    /**
     * From now on an application that exits without being asked is started again, after its back-off; a restart
     * that makes no progress for {@code timeout} before it is up is killed, and so tried again too.
     */
    synchronized void supervise(Duration timeout) {
        startupTimeout = timeout;
        supervising = true;
        applications.stream().filter(application -> !application.process().isAlive())
                    .forEach(application -> exited(application, application.process()));
    }

    private synchronized void exited(Application application, Process process) {
        if (stopping || !supervising || !application.firstToHandleExitOf(process)) {
            return;
        }
        Duration wait = application.backoff.afterExit(Duration.between(application.started(), Instant.now()));
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
            process = application.process();
        }
        daemon(() -> awaitUpAgain(application, process), "await-" + application.name).start();
    }

    private void awaitUpAgain(Application application, Process process) {
        StartupProgress progress = new StartupProgress(startupTimeout, Instant.now(), StartupProgress.cpuOf(process));
        try {
            while (process.isAlive() && !isStopping()) {
                if (probe.isLive(application.managementPort)) {
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

    /** Records the launcher and the applications' processes as they are now; a failure to is logged, not fatal. */
    private void recordPids() {
        List<PidFile.Entry> entries = new ArrayList<>();
        PidFile.Entry.of(PidFile.LAUNCHER, ProcessHandle.current()).ifPresent(entries::add);
        applications.forEach(application -> application.pidEntry().ifPresent(entries::add));
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
            applications.stream().map(Application::process).filter(Objects::nonNull).forEach(all::add);
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
