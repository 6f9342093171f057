package org.consensusledger.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How read models are fed: pooled streaming processors (tokens in MongoDB, work split into segments across
 * threads and instances), with every event of one body in one sequence. A body's read model takes events from the
 * body, its meetings and its proposals; sequencing them by body means one thread at a time updates it, in log order,
 * so each update can read, change and write its document.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionSetup {

    @Bean
    ConfigurerModule pooledStreamingProcessorsSequencedByBody() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors()
                .registerDefaultSequencingPolicy(configuration -> ProjectionSetup::sequenceOf));
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
