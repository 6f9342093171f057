package org.consensusledger.query.admin;

import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The replay from the command line: {@code java -jar query-side.jar --ledger.replay=true
 * --spring.main.web-application-type=none} rebuilds every read model from position 0, shows a progress bar with
 * events/s while it runs, and exits when every processor has caught up with the log.
 */
@Component
@ConditionalOnProperty(name = "ledger.replay", havingValue = "true")
class ReplayRunner implements ApplicationRunner {

    private static final int BAR = 30;

    private final Replays replays;
    private final LedgerEventStorageEngine log;
    private final ConfigurableApplicationContext context;

    ReplayRunner(Replays replays, LedgerEventStorageEngine log, ConfigurableApplicationContext context) {
        this.replays = replays;
        this.log = log;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments arguments) throws InterruptedException {
        try {
            replay(System.out, Duration.ofSeconds(1));
        } catch (UnableToClaimTokenException e) {
            System.err.println("Replay not possible now: another query-side instance is processing events ("
                                       + e.getMessage() + "). Stop it and run the replay again.");
            throw e;
        } finally {
            context.close();
        }
    }

    /** Replays, printing a progress line every {@code every}; returns when all processors have caught up. */
    void replay(PrintStream out, Duration every) throws InterruptedException {
        long head = log.nextGlobalPosition();
        long started = System.nanoTime();
        replays.replayAll();
        long done;
        do {
            Thread.sleep(every.toMillis());
            done = replays.status().stream()
                          .mapToLong(status -> status.position() == null ? 0 : status.position() + 1)
                          .min().orElse(0);
            out.println(progress(Math.min(done, head), head, System.nanoTime() - started));
            if (replays.rebuilding().isCompletedExceptionally()) {
                replays.rebuilding().join(); // throws the rebuild's failure
            }
        } while (!caughtUp(head));
        out.println("Replay complete: " + head + " events in every read model.");
    }

    private boolean caughtUp(long head) {
        return replays.status().stream().allMatch(status -> status.caughtUp() && status.position() != null
                && status.position() >= head - 1);
    }

    static String progress(long done, long total, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * BAR);
        double seconds = Math.max(elapsedNanos / 1e9, 1e-9);
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %,d / %,d events  %,.0f events/s", "#".repeat(filled),
                             "-".repeat(BAR - filled), fraction * 100, done, total, done / seconds);
    }
}
