package org.consensusledger.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How read models are fed: pooled streaming processors (tokens in MongoDB, work split into segments shared out among
 * threads and instances by {@link ProcessingInstances}), with every event of one body in one sequence. A body's read model takes events from the
 * body, its meetings and its proposals; sequencing them by body means one thread at a time updates it, in log order,
 * so each update can read, change and write its document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionSetup {

    /** Segments per processor: the most instances (and threads) that can share one processor's work. */
    public static final int INITIAL_SEGMENTS = 16;

    @Bean
    ConfigurerModule pooledStreamingProcessorsSequencedByBody(ProcessingInstances instances, NewEvents newEvents,
                                                             ProjectionProperties properties,
                                                             MeterRegistry registry) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder
                        .initialSegmentCount(INITIAL_SEGMENTS)
                        .messageSource(newEvents.source(configuration.eventStore()))
                        .batchSize(properties.batchSize())
                        .tokenClaimInterval(properties.tokenClaimInterval().toMillis())
                        .maxSegmentProvider(instances))
                .registerDefaultSequencingPolicy(configuration -> ProjectionSetup::sequenceOf)
                .registerDefaultHandlerInterceptor((configuration, processor) -> counting(registry, processor)));
    }

    /**
     * Counts the events each processor of this instance handles ({@code ledger_projection_events_total}): their
     * rate is events/s, and over all instances each event is counted once per processor that handles it.
     */
    private static MessageHandlerInterceptor<EventMessage<?>> counting(MeterRegistry registry, String processor) {
        Counter handled = Counter.builder("ledger.projection.events").tag("processor", processor)
                                 .description("Events handled by this instance's processor").register(registry);
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            handled.increment();
            return result;
        };
    }

    static Object sequenceOf(EventMessage<?> event) {
        Object payload = event.getPayload();
        String body = null;
        if (payload instanceof BodyEvent bodyEvent) {
            body = bodyEvent.bodyId();
        } else if (payload instanceof MeetingEvent meetingEvent) {
            body = meetingEvent.bodyId();
        } else if (payload instanceof ProposalEvent proposalEvent) {
            body = proposalEvent.bodyId();
        } else if (payload instanceof RecordCorrected correction) {
            body = correction.bodyId();
        }
        if (body != null) {
            return body;
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }
}
