package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the processing out among the query-side instances on one database. Each instance writes a heartbeat to
 * {@code query_side_instances}; each processor of an instance claims at most its fair share of the segments,
 * {@code ceil(segments / live instances)}. Axon's pooled streaming processor asks for that share as it coordinates
 * and releases the segments it holds beyond it, which another instance then claims. When an instance stops, the
 * others count one fewer within three heartbeats and, once its claims have been released or have expired, claim its
 * segments too. Liveness is judged by the instances' clocks, as Axon's token claims are.
 */
@Component
public class ProcessingInstances implements MaxSegmentProvider {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessingInstances.class);

    private final MongoCollection<Document> heartbeats;
    private final TokenStore tokens;
    private final String node;
    private final Duration interval;
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "processing-instances");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int live = 1;

    ProcessingInstances(LedgerDatabase database, TokenStore tokens, LedgerNode node,
                        ProjectionProperties properties) {
        this.heartbeats = database.collection(LedgerCollection.QUERY_SIDE_INSTANCES);
        this.tokens = tokens;
        this.node = node.id();
        this.interval = properties.heartbeatInterval();
        beat();
        scheduler.scheduleWithFixedDelay(this::beatSafely, interval.toMillis(), interval.toMillis(),
                                         TimeUnit.MILLISECONDS);
    }

    /** The most segments of {@code processorName} this instance should hold. */
    @Override
    public int getMaxSegments(String processorName) {
        int total = segments.computeIfAbsent(processorName, this::storedSegments);
        if (total == 0) {
            return Short.MAX_VALUE; // not initialised yet: whoever starts first creates and claims them all
        }
        return (total + live - 1) / live;
    }

    /** Instances heard of within the last three heartbeat intervals, this one included. */
    public int live() {
        return live;
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException | Error e) {
            // An Error too: a periodic task that throws is never run again, and the others would take our segments.
            LOGGER.warn("Heartbeat of {} failed; the segments stay as they are shared now: {}", node, e.toString());
        }
    }

    private void beat() {
        Instant now = Instant.now();
        heartbeats.replaceOne(Filters.eq("_id", node), new Document("_id", node).append("seenAt", now.toEpochMilli()),
                              new ReplaceOptions().upsert(true));
        long others = heartbeats.countDocuments(Filters.and(
                Filters.ne("_id", node), Filters.gt("seenAt", now.minus(interval.multipliedBy(3)).toEpochMilli())));
        live = (int) others + 1;
        // Instances gone long ago are of no interest to anyone.
        heartbeats.deleteMany(Filters.lt("seenAt", now.minus(interval.multipliedBy(30)).toEpochMilli()));
        segments.replaceAll((processor, count) -> storedSegments(processor));
    }

    private int storedSegments(String processorName) {
        return tokens.fetchSegments(processorName).length;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        try {
            heartbeats.deleteOne(Filters.eq("_id", node));
        } catch (RuntimeException e) {
            LOGGER.debug("Could not remove the heartbeat of {}; it expires by itself", node, e);
        }
    }
}
