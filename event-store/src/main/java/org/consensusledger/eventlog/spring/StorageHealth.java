package org.consensusledger.eventlog.spring;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Whether the database stores writes now ({@code storage} in the health, and so in readiness): DOWN, with the
 * database's reason and since when, from the first write it refuses for want of disk space (MongoDB's error 14031
 * {@code OutOfDiskSpace}, which the embedded server answers while its file cannot be written), UP again from the
 * first write it stores. It watches every command the application's MongoDB client sends; while DOWN, a health
 * check sends a write of its own that changes nothing (a journaled delete of nothing, at most every few seconds), so
 * the health comes back UP once space is freed even when nothing else writes. The failure and the recovery are each
 * logged once here; the repeats of other lines meanwhile are counted by {@link RepeatedLogLines}, which this flushes
 * on recovery.
 */
final class StorageHealth implements HealthIndicator, CommandListener {

    static final int OUT_OF_DISK_SPACE = 14031;

    private static final Logger LOGGER = LoggerFactory.getLogger(StorageHealth.class);
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "bulkwrite");
    /** How often a health check may send its probe while the storage is down. */
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    /** A collection nothing uses: the probe deletes nothing in it (a delete does not create its collection). */
    private static final String PROBE_COLLECTION = "ledger_storage_probe";

    private final Supplier<MongoDatabase> database;
    private final Runnable onRecovery;
    private volatile Down down;
    private volatile Instant probed = Instant.EPOCH;

    private record Down(String reason, Instant since, AtomicLong refused) {
    }

    /**
     * @param database   where the probe is sent (looked up when first needed: the client this listens to is built
     *                   with it)
     * @param onRecovery run once when writes are stored again
     */
    StorageHealth(Supplier<MongoDatabase> database, Runnable onRecovery) {
        this.database = database;
        this.onRecovery = onRecovery;
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        if (!(event.getThrowable() instanceof MongoException refusal) || refusal.getCode() != OUT_OF_DISK_SPACE) {
            return;
        }
        Down current = down;
        if (current == null) {
            synchronized (this) {
                current = down;
                if (current == null) {
                    String reason = refusal instanceof com.mongodb.MongoCommandException command
                            ? command.getErrorMessage() : refusal.getMessage();
                    current = new Down(reason, Instant.now(), new AtomicLong());
                    down = current;
                    LOGGER.error("The database refuses writes: {} Every request that stores something is answered "
                                         + "503 storage-unavailable and the health is DOWN until it stores writes "
                                         + "again", reason);
                }
            }
        }
        current.refused().incrementAndGet();
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        Down current = down;
        if (current == null || !WRITES.contains(event.getCommandName().toLowerCase(Locale.ROOT))) {
            return;
        }
        synchronized (this) {
            if (down != current) {
                return;
            }
            down = null;
        }
        LOGGER.warn("The database stores writes again, after {} s; {} writes were refused meanwhile (nothing of "
                            + "them was recorded)", Duration.between(current.since(), Instant.now()).toSeconds(),
                    current.refused().get());
        onRecovery.run();
    }

    @Override
    public Health health() {
        if (down != null) {
            probe();
        }
        Down current = down;
        if (current == null) {
            return Health.up().build();
        }
        return Health.down().withDetail("reason", current.reason()).withDetail("since", current.since().toString())
                     .withDetail("refusedWrites", current.refused().get())
                     .withDetail("action", "Free space on the database's disk; writes resume by themselves.")
                     .build();
    }

    private void probe() {
        Instant now = Instant.now();
        if (Duration.between(probed, now).compareTo(PROBE_INTERVAL) < 0) {
            return;
        }
        probed = now;
        try {
            database.get().runCommand(new Document("delete", PROBE_COLLECTION)
                                              .append("deletes", List.of(new Document("q", new Document("_id", 0))
                                                                                 .append("limit", 1)))
                                              .append("writeConcern", new Document("j", true)));
        } catch (MongoException stillDown) {
            // Seen by commandFailed (a refusal) or not about the storage: the health says what it knows.
        }
    }
}
