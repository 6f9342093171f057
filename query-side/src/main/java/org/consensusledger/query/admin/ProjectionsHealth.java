package org.consensusledger.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.projection.ProcessingInstances;
import org.consensusledger.query.projection.ProjectionProperties;
import org.consensusledger.query.projection.ProjectionStops;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the read models lag behind the log, for readiness and for metrics. The query side is ready when every
 * processor's read model is within {@code ledger.projections.max-ready-lag} events of the log's head, whichever
 * instances process it (a replay makes it not ready until it has caught up). Metrics ({@code /actuator/prometheus}):
 * {@code ledger_log_head} and, per processor, {@code ledger_projection_position} and {@code ledger_projection_lag};
 * events/s is the rate of {@code ledger_projection_events_total}, counted per instance
 * ({@link org.consensusledger.query.projection.ProjectionSetup}).
 */
@Component("projections")
class ProjectionsHealth implements HealthIndicator {

    private static final long METRICS_SAMPLE_NANOS = 1_000_000_000L;

    private final Replays replays;
    private final LedgerEventStorageEngine log;
    private final MeterRegistry registry;
    private final long maxReadyLag;
    private final ProcessingInstances instances;
    private final ProjectionStops stops;
    /** The processors' status as last read for the metrics, and when (System.nanoTime()). */
    private volatile Sampled sampled;

    private record Sampled(long at, List<Replays.ProcessorStatus> status) {
    }

    ProjectionsHealth(Replays replays, LedgerEventStorageEngine log, MeterRegistry registry,
                      ProjectionProperties properties, ProcessingInstances instances, ProjectionStops stops) {
        this.stops = stops;
        this.replays = replays;
        this.log = log;
        this.registry = registry;
        this.maxReadyLag = properties.maxReadyLag();
        this.instances = instances;
    }

    /**
     * DOWN with the reason when the log's head or the processors' tokens cannot be read (the database gone, say):
     * a health that fails would be a bare 500 on the health endpoints.
     */
    @Override
    public Health health() {
        try {
            return measured();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "The processors' positions cannot be read: " + e.getMessage())
                         .build();
        }
    }

    private Health measured() {
        long last = log.nextGlobalPosition() - 1;
        Map<String, Object> lags = new LinkedHashMap<>();
        boolean ready = true;
        for (Replays.ProcessorStatus processor : replays.status()) {
            long lag = lag(processor, last);
            lags.put(processor.name(), Map.of("position", processor.position() == null ? -1 : processor.position(),
                                              "lag", lag, "replaying", processor.replaying(),
                                              "segmentsHere", processor.segments()));
            ready &= lag <= maxReadyLag;
        }
        List<ProjectionStops.Stop> stopped = stops.current();
        Health.Builder health = !stopped.isEmpty() ? Health.down() : ready ? Health.up() : Health.outOfService();
        if (!stopped.isEmpty()) {
            health.withDetail("stopped", stopped.stream().map(stop -> Map.of(
                    "processor", stop.processor(), "position", stop.position(), "missingFrom", stop.missingFrom(),
                    "error", stop.error(), "since", String.valueOf(stop.since()), "attempts", stop.attempts()))
                                                    .toList());
            health.withDetail("publicRecordBehindSince", stopped.get(0).missingFrom());
        }
        return health.withDetail("head", last + 1).withDetail("maxReadyLag", maxReadyLag)
                     .withDetail("instances", instances.live()).withDetail("processors", lags).build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerMetrics() {
        Gauge.builder("ledger.log.head", log, LedgerEventStorageEngine::nextGlobalPosition)
             .description("Events in the log").register(registry);
        for (Replays.ProcessorStatus processor : replays.status()) {
            String name = processor.name();
            Gauge.builder("ledger.projection.position", () -> position(name))
                 .tag("processor", name).description("Last global position the processor handled").register(registry);
            Gauge.builder("ledger.projection.lag", () -> lag(find(name), log.nextGlobalPosition() - 1))
                 .tag("processor", name).description("Events the processor is behind the log").register(registry);
            stops.registerGauge(name);
        }
    }

    private double position(String name) {
        Replays.ProcessorStatus processor = find(name);
        return processor == null || processor.position() == null ? -1 : processor.position();
    }

    /**
     * One processor's status for the gauges: read once for all of them per scrape (the status reads every processor's
     * tokens), kept for a second.
     */
    private Replays.ProcessorStatus find(String name) {
        Sampled last = sampled;
        long now = System.nanoTime();
        if (last == null || now - last.at() > METRICS_SAMPLE_NANOS) {
            last = new Sampled(now, replays.status());
            sampled = last;
        }
        return last.status().stream().filter(status -> status.name().equals(name)).findFirst().orElse(null);
    }

    private static long lag(Replays.ProcessorStatus processor, long last) {
        if (processor == null) {
            return last + 1;
        }
        return processor.position() == null ? last + 1 : Math.max(0, last - processor.position());
    }
}
