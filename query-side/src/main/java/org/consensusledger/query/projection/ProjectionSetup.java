package org.consensusledger.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
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
@EnableConfigurationProperties({ProjectionProperties.class, ReplayProperties.class})
public class ProjectionSetup {

    /** Segments per processor: the most instances (and threads) that can share one processor's work. */
    public static final int INITIAL_SEGMENTS = 16;

    @Bean
    ConfigurerModule pooledStreamingProcessorsSequencedByBody(ProcessingInstances instances, NewEvents newEvents,
                                                             ProjectionProperties properties,
                                                             MeterRegistry registry, ProjectionStops stops) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder
                        .initialSegmentCount(INITIAL_SEGMENTS)
                        .messageSource(newEvents.source(configuration.eventStore()))
                        .batchSize(properties.batchSize())
                        .tokenClaimInterval(properties.tokenClaimInterval().toMillis())
                        .maxSegmentProvider(instances))
                .registerDefaultSequencingPolicy(configuration -> ProjectionSetup::sequenceOf)
                .registerDefaultHandlerInterceptor((configuration, processor) -> counting(registry, processor))
                .registerDefaultErrorHandler(configuration -> stopping(stops)));
    }

    /**
     * A batch that failed is recorded as a stop at the event that failed it (or at the batch's first event, when
     * that cannot be told) and the failure is passed on: Axon's pooled processor then gives the segment up and
     * claims it again after a pause, from its last stored token, so the batch is handled again and nothing after
     * the event is taken in before it.
     */
    private static ErrorHandler stopping(ProjectionStops stops) {
        return context -> {
            Throwable error = context.error();
            long first = context.failedEvents().stream()
                                .filter(event -> event instanceof TrackedEventMessage<?>)
                                .mapToLong(event -> positionOf((TrackedEventMessage<?>) event))
                                .min().orElse(-1);
            long position = error instanceof EventNotProjected failed ? failed.position() : first;
            stops.record(context.eventProcessor(), position, first < 0 ? position : first, error);
            if (error instanceof Exception exception) {
                throw exception;
            }
            throw (Error) error;
        };
    }

    /**
     * Counts the events each processor of this instance handles ({@code ledger_projection_events_total}): their
     * rate is events/s, and over all instances each event is counted once per processor that handles it.
     */
    private static MessageHandlerInterceptor<EventMessage<?>> counting(MeterRegistry registry, String processor) {
        Counter handled = Counter.builder("ledger.projection.events").tag("processor", processor)
                                 .description("Events handled by this instance's processor").register(registry);
        return (unitOfWork, chain) -> {
            Object result;
            try {
                result = chain.proceed();
            } catch (EventNotProjected e) {
                throw e;
            } catch (Exception e) {
                EventMessage<?> event = unitOfWork.getMessage();
                if (!(event instanceof TrackedEventMessage<?> tracked)) {
                    throw e;
                }
                throw new EventNotProjected(positionOf(tracked), "the " + processor + " read model's handler of "
                        + event.getPayloadType().getSimpleName() + " failed", e);
            }
            handled.increment();
            return result;
        };
    }

    private static long positionOf(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElse(-1);
    }

    /** The part of the log an event belongs to: its body (or, for an organisation, itself); see the class comment. */
    public static Object sequenceOf(EventMessage<?> event) {
        Object payload = event.getPayload();
        String body = null;
        if (payload instanceof BodyEvent bodyEvent) {
            body = bodyEvent.bodyId();
        } else if (payload instanceof MeetingEvent meetingEvent) {
            body = meetingEvent.bodyId();
        } else if (payload instanceof ProposalEvent proposalEvent) {
            body = proposalEvent.bodyId();
        } else if (payload instanceof RecordCorrected correction) {
            // A correction of an organisation's record has no body: it goes with the organisation it corrects.
            body = correction.bodyId() != null ? correction.bodyId() : correction.correctedAggregateId();
        }
        if (body != null) {
            return body;
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }
}
