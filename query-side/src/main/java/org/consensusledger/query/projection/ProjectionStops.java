package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerNode;
import org.consensusledger.web.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The processors that stopped at an event they could not take in, for everyone to see: readiness, metrics, the
 * site's banner and the API's header all read it. A processor that fails on an event does not go past it: its batch
 * rolls back, its token stays, and Axon's pooled processor tries the segment again after a pause that doubles up to
 * a minute. Each stop is kept in {@code projection_stops} (one document per processor and position, so every
 * query-side instance on the database shows it, whichever instance met it) and ends once every segment of the
 * processor has passed that position — after the cause was fixed, or an event that another instance could handle.
 * What is read is kept for at most {@link #REFRESH_NANOS}, so that a page or a health check costs no query.
 */
@Component
public class ProjectionStops {

    /** The name under which a stop of every processor is kept (an event none of them can read). */
    public static final String EVERY_PROCESSOR = "every read model";
    private static final Logger LOGGER = LoggerFactory.getLogger(ProjectionStops.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;

    /**
     * A processor stopped at the event at {@code position}, since {@code since}, tried {@code attempts} times; the
     * events of its batch from {@code missingFrom} on (those before the failing one included) are not taken in either.
     */
    public record Stop(String processor, long position, long missingFrom, String error, Instant since,
                       Instant lastAttempt, long attempts) {
    }

    private final MongoCollection<Document> stops;
    private final TokenPositions tokens;
    private final String node;
    private final MeterRegistry registry;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    /** Stops this instance has already logged with their stack trace: later attempts get one line. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile Read read = new Read(0, List.of());

    private record Read(long at, List<Stop> stops) {
    }

    ProjectionStops(LedgerDatabase database, TokenPositions tokens, LedgerNode node, MeterRegistry registry,
                    ObjectProvider<EventProcessingConfiguration> processing) {
        this.stops = database.collection(LedgerCollection.PROJECTION_STOPS);
        this.processing = processing;
        this.tokens = tokens;
        this.node = node.id();
        this.registry = registry;
    }

    /**
     * Records that {@code processor} could not take in the event at {@code position}; it will be tried again.
     */
    public void record(String processor, long position, long missingFrom, Throwable error) {
        String key = processor + "@" + position;
        String summary = EventNotProjected.describe(error);
        if (logged.add(key)) {
            LOGGER.error("The {} read model stopped at the event at position {} and will try it again; the public "
                                 + "record is behind the log from there until this is fixed", processor, position,
                         error);
        } else {
            LOGGER.error("The {} read model is still stopped at position {}: {}", processor, position,
                         LogSafe.of(summary));
        }
        failures.computeIfAbsent(processor, name -> Counter.builder("ledger.projection.failures")
                                                           .tag("processor", name)
                                                           .description("Batches a processor could not take in")
                                                           .register(registry)).increment();
        Date now = new Date();
        try {
            stops.updateOne(Filters.eq("_id", key), Updates.combine(
                    Updates.setOnInsert("processor", processor), Updates.setOnInsert("position", position),
                    Updates.setOnInsert("since", now), Updates.set("lastAttempt", now),
                    Updates.min("missingFrom", Math.min(missingFrom, position)),
                    Updates.set("error", summary), Updates.set("node", node), Updates.inc("attempts", 1L)),
                            new UpdateOptions().upsert(true));
        } catch (RuntimeException e) {
            LOGGER.warn("Could not record the stop of {} at {} in {}", processor, position, LedgerCollection.PROJECTION_STOPS.collectionName(), e);
        }
        read = new Read(0, read.stops()); // read again at the next look
    }

    /** Every stop, the one missing the earliest event first; read at most once a second. */
    public List<Stop> current() {
        Read last = read;
        long now = System.nanoTime();
        if (last.at() != 0 && now - last.at() < REFRESH_NANOS) {
            return last.stops();
        }
        List<Stop> found = new ArrayList<>();
        try {
            for (Document stop : stops.find()) {
                String processor = stop.getString("processor");
                long position = ((Number) stop.get("position")).longValue();
                OptionalLong passed = passed(processor);
                if (passed.isPresent() && passed.getAsLong() >= position) {
                    stops.deleteOne(Filters.eq("_id", stop.get("_id")));
                    LOGGER.info("The {} read model has passed position {}, where it had stopped", processor,
                                position);
                    continue;
                }
                long missingFrom = ((Number) stop.get("missingFrom")).longValue();
                found.add(new Stop(processor, position, missingFrom, stop.getString("error"), instant(stop, "since"),
                                   instant(stop, "lastAttempt"), ((Number) stop.get("attempts")).longValue()));
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not read {}; showing what was read before",
                        LedgerCollection.PROJECTION_STOPS.collectionName(), e);
            return last.stops();
        }
        found.sort(Comparator.comparingLong(Stop::missingFrom));
        List<Stop> current = List.copyOf(found);
        read = new Read(now, current);
        return current;
    }

    /** Where every segment of the processor is (of every processor, for {@link #EVERY_PROCESSOR}). */
    private OptionalLong passed(String processor) {
        if (!EVERY_PROCESSOR.equals(processor)) {
            return tokens.lowest(processor);
        }
        long lowest = Long.MAX_VALUE;
        for (String name : processing.getObject().eventProcessors().keySet()) {
            OptionalLong position = tokens.lowest(name);
            if (position.isEmpty()) {
                return position;
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /**
     * The first position whose event a stopped read model has not taken in: the public record is behind the log from
     * there (its events may be shown by other read models, but not by all).
     */
    public OptionalLong behindSince() {
        List<Stop> current = current();
        return current.isEmpty() ? OptionalLong.empty() : OptionalLong.of(current.get(0).missingFrom());
    }

    /** A gauge per processor: the position it stopped at, or -1 ({@code ledger_projection_stopped_at}). */
    public void registerGauge(String processor) {
        Function<ProjectionStops, Double> stoppedAt = ignored -> current().stream()
                .filter(stop -> stop.processor().equals(processor) || stop.processor().equals(EVERY_PROCESSOR))
                .mapToDouble(Stop::position).min().orElse(-1);
        Gauge.builder("ledger.projection.stopped.at", this, stoppedAt::apply).tag("processor", processor)
             .description("Position of the event the processor stopped at, -1 when it runs").register(registry);
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
