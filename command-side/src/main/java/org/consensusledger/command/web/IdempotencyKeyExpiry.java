package org.consensusledger.command.web;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code idempotency_keys} from growing for ever. A TTL index on {@code completedAt} lets MongoDB remove
 * answered keys {@code ledger.api.idempotency-key-ttl} after their answer by itself; the embedded server does not
 * (mongo-java-server keeps an index's options but removes nothing), so expired keys are also purged here every
 * {@link #purgeInterval()} — and orphaned claims, which have no {@code completedAt}, on any MongoDB. Which key has
 * expired is {@link IdempotencyStore}'s to say; it never lets a claim a running request holds go.
 */
@Component
class IdempotencyKeyExpiry implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);
    /** The TTL index's name (MongoDB refuses to create it again with other options: see {@link #ensureTtlIndex}). */
    static final String TTL_INDEX = "completedAt_ttl";

    private final MongoDatabase database;
    private final MongoCollection<Document> keys;
    private final IdempotencyStore store;
    private volatile ScheduledExecutorService purger;

    IdempotencyKeyExpiry(LedgerDatabase database, IdempotencyStore store) {
        this.database = database.journaled();
        this.keys = store.collection();
        this.store = store;
        ensureTtlIndex();
    }

    /**
     * The TTL index on {@code completedAt}, expiring answered keys {@code ttl} after their answer. MongoDB refuses to
     * create an index again under its name with another {@code expireAfterSeconds}: when the setting changed, the
     * index is changed with {@code collMod}, or, where that is not known (the embedded server), made again.
     */
    private void ensureTtlIndex() {
        long seconds = store.ttl().toSeconds();
        Document existing = null;
        for (Document index : keys.listIndexes()) {
            if (TTL_INDEX.equals(index.getString("name"))) {
                existing = index;
            }
        }
        if (existing != null && !(existing.get("expireAfterSeconds") instanceof Number set
                && set.longValue() == seconds)) {
            try {
                database.runCommand(new Document("collMod", keys.getNamespace().getCollectionName())
                        .append("index", new Document("name", TTL_INDEX).append("expireAfterSeconds", seconds)));
            } catch (MongoCommandException notSupported) {
                keys.dropIndex(TTL_INDEX);
                existing = null;
            }
        }
        if (existing == null) {
            keys.createIndex(Indexes.ascending("completedAt"),
                             new IndexOptions().name(TTL_INDEX).expireAfter(seconds, TimeUnit.SECONDS));
        }
    }

    /** How often expired keys are purged: as often as they expire, at least every minute, at most every hour. */
    Duration purgeInterval() {
        Duration ttl = store.ttl();
        Duration minute = Duration.ofMinutes(1);
        Duration hour = Duration.ofHours(1);
        return ttl.compareTo(minute) < 0 ? minute : ttl.compareTo(hour) > 0 ? hour : ttl;
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idempotency-key-purge");
            thread.setDaemon(true);
            return thread;
        });
        long every = purgeInterval().toMillis();
        started.scheduleWithFixedDelay(() -> {
            try {
                long removed = store.purge();
                if (removed > 0) {
                    LOGGER.debug("Removed {} expired idempotency keys", removed);
                }
            } catch (RuntimeException e) {
                LOGGER.warn("Removing expired idempotency keys failed; trying again in {} ms", every, e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        purger = started;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = purger;
        purger = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return purger != null;
    }
}
