package org.consensusledger.command.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issues, once after the command side starts, the receipts a command side stopped before keeping: a command side
 * killed between a command's append and keeping its receipt leaves those positions without one, and the query side
 * would report them as {@code RECEIPT_MISSING} for ever (its health {@code receipts} DOWN). A short while after the
 * start ({@link #DELAY}: any other instance's commands then in flight have kept theirs), it looks at the last
 * {@value #WINDOW} positions of the log that existed when it started, from the first position that has a receipt
 * on, and issues one receipt for each run of positions that has none, from the events as stored (at most
 * {@value #MOST_PER_RECEIPT} a receipt), saying so in the log. Such a receipt is signed after the fact, not at
 * write time: its {@code time} line says when; the query side clears its alarm for a position once a receipt that
 * matches the leaf it took in is kept. If the database cannot be read then, it tries again every {@link #RETRY}.
 * From then on, every {@link #RETRY}, it keeps the receipts whose write failed while this command side ran (the
 * database restarting under it: {@link ReceiptIssuer#keepUnkept()}), as they were signed at write time.
 */
@Component
class ReceiptCatchUp implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptCatchUp.class);
    /**
     * The positions before the log's head at start looked at: a crash leaves gaps only among the commands then in
     * flight (fewer than the server's 200 request threads). Kept that short on purpose: a receipt issued here clears
     * the query side's alarm, so a receipt deleted further back stays an alarm (docs/security.md).
     */
    static final int WINDOW = 256;
    static final int MOST_PER_RECEIPT = 1_000;
    static final Duration DELAY = Duration.ofSeconds(2);
    static final Duration RETRY = Duration.ofSeconds(1);

    private final LedgerEventStorageEngine log;
    private final ReceiptIssuer issuer;
    private volatile ScheduledExecutorService thread;

    ReceiptCatchUp(LedgerEventStorageEngine log, ReceiptIssuer issuer) {
        this.log = log;
        this.issuer = issuer;
    }

    /**
     * Issues the receipts missing among positions {@code head - WINDOW} to {@code head - 1}; returns the runs of
     * positions it issued receipts for, as {@code [first, last]}.
     */
    List<long[]> catchUp(long head) {
        OptionalLong first = issuer.firstKept();
        if (first.isEmpty() || head <= 0) {
            return List.of(); // no receipts at all: a log from before receipts, of which the query side checks none
        }
        long from = Math.max(first.getAsLong(), head - WINDOW);
        List<long[]> gaps = new ArrayList<>();
        long next = from;
        for (long[] kept : issuer.keptBetween(from, head)) {
            if (kept[0] > next) {
                gaps.add(new long[] {next, kept[0] - 1});
            }
            next = Math.max(next, kept[1] + 1);
        }
        if (next < head) {
            gaps.add(new long[] {next, head - 1});
        }
        List<long[]> issued = new ArrayList<>();
        for (long[] gap : gaps) {
            for (long start = gap[0]; start <= gap[1]; start += MOST_PER_RECEIPT) {
                int count = (int) Math.min(MOST_PER_RECEIPT, gap[1] - start + 1);
                List<JsonNode> events;
                try (Stream<JsonNode> stored = log.storedEvents(start)) {
                    events = stored.limit(count).collect(Collectors.toList());
                }
                if (events.size() != count
                        || events.get(0).path(EventLogSchema.POSITION).asLong(-1) != start
                        || events.get(count - 1).path(EventLogSchema.POSITION).asLong(-1) != start + count - 1) {
                    LOGGER.error("Positions {}–{} have no receipt, and the log does not hold them as expected: none "
                                         + "issued", start, start + count - 1);
                    continue;
                }
                if (!issuer.keptBetween(start, start + count).isEmpty()) {
                    continue; // kept meanwhile (another instance's command, slower than the delay): not signed twice
                }
                issuer.issueFor(events);
                issued.add(new long[] {start, start + count - 1});
                LOGGER.warn("Positions {}–{} had no receipt (a command side stopped between their append and "
                                    + "keeping it): a receipt is issued for them now, from the events as stored",
                            start, start + count - 1);
            }
        }
        return issued;
    }

    @Override
    public synchronized void start() {
        long head = log.nextGlobalPosition();
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread catchingUp = new Thread(runnable, "receipt-catch-up");
            catchingUp.setDaemon(true);
            return catchingUp;
        });
        boolean[] caughtUp = {false};
        // The catch-up once, tried again every second until it could run (the database may be restarting too); then,
        // every second, the receipts whose write failed since are kept as they were signed.
        started.scheduleWithFixedDelay(() -> {
            try {
                if (!caughtUp[0]) {
                    catchUp(head);
                    caughtUp[0] = true;
                }
                issuer.keepUnkept();
            } catch (RuntimeException | Error e) {
                LOGGER.warn("Looking for positions without a receipt failed ({}); tried again in {} s", e.toString(),
                            RETRY.toSeconds());
            }
        }, DELAY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        thread = started;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = thread;
        thread = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
