package org.consensusledger.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * An application the launcher started dies with the launcher, however the launcher dies ({@code kill -9} included,
 * which leaves it no chance to stop its children): the launcher passes its pid as {@code ledger.launcher.pid}, and
 * once that process is gone (or the pid names another process, started at another instant) this stops the
 * application: {@link System#exit} runs Spring's shutdown hook, which closes the context gracefully (requests under
 * way are finished, the console's sessions saved), then the JVM exits; what is not done within
 * {@code ledger.launcher.stop-timeout} is cut short. Left running, the application would hold its
 * ports and answer the next launcher's health checks in place of the one it starts.
 *
 * <p>It starts as soon as the environment is known, before the context: a launcher killed while an application is
 * still starting (which can take minutes on a long log) takes the application with it too. Without the property
 * (an application run on its own, or in a container) it does nothing.
 */
public class LauncherWatch implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Settings settings = Binder.get(event.getEnvironment()).bind("ledger.launcher", Settings.class).orElse(null);
        if (settings == null || settings.pid() == null || !WATCHING.compareAndSet(false, true)) {
            return;
        }
        Watch watch = new Watch(settings.pid(), Watch::startOf, () -> stop(settings.stopTimeout()));
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "launcher-watch");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.watchInterval().toMillis();
        checks.scheduleWithFixedDelay(() -> {
            if (watch.check()) {
                checks.shutdown();
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the application gracefully, but within {@code timeout}: with the launcher gone, so is the embedded server
     * it ran, and a graceful stop's last writes (the processors' tokens) would each wait out the driver's server
     * selection timeout first.
     */
    private static void stop(Duration timeout) {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoggerFactory.getLogger(LauncherWatch.class)
                         .warn("The application did not stop within {} of its launcher's end; halting it", timeout);
            Runtime.getRuntime().halt(1);
        }, "launcher-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }

    /**
     * {@code ledger.launcher.pid}: the launcher's process (set by the launcher, never by hand);
     * {@code ledger.launcher.watch-interval}: how often it is looked for (default 1 s);
     * {@code ledger.launcher.stop-timeout}: how long a graceful stop may take once it is gone (default 15 s).
     */
    record Settings(Long pid, Duration watchInterval, Duration stopTimeout) {
        Settings {
            watchInterval = watchInterval == null ? Duration.ofSeconds(1) : watchInterval;
            stopTimeout = stopTimeout == null ? Duration.ofSeconds(15) : stopTimeout;
        }
    }

    /** One process watched: gone once no process has its pid, or the one that has it started at another instant. */
    static final class Watch {

        private static final Logger LOGGER = LoggerFactory.getLogger(LauncherWatch.class);

        private final long pid;
        private final LongFunction<Optional<Instant>> startOf;
        private final Runnable stop;
        private Instant started;

        /**
         * {@code startOf}: when the live process with this pid started (empty when none lives; the epoch when it
         * lives but its start is unknown); {@code stop}: what to do once it is gone.
         */
        Watch(long pid, LongFunction<Optional<Instant>> startOf, Runnable stop) {
            this.pid = pid;
            this.startOf = startOf;
            this.stop = stop;
        }

        /** Looks once; true (and stopped) when the launcher is gone. */
        boolean check() {
            Optional<Instant> now = startOf.apply(pid);
            if (started == null && now.isPresent()) {
                started = now.get();
            }
            if (now.isPresent() && now.get().equals(started)) {
                return false;
            }
            LOGGER.warn("The launcher (pid {}) is gone; stopping this application with it", pid);
            stop.run();
            return true;
        }

        static Optional<Instant> startOf(long pid) {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                                .map(process -> process.info().startInstant().orElse(Instant.EPOCH));
        }
    }
}
