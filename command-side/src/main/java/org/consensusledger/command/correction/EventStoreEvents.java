package org.consensusledger.command.correction;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Reads the one event from the log: a lookup of one stream key, however long the log is. */
@Component
class EventStoreEvents implements StoredEvents {

    private final EventStore eventStore;

    EventStoreEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<StoredEvent> find(String aggregateId, long sequenceNumber) {
        if (sequenceNumber < 0) {
            return Optional.empty();
        }
        DomainEventStream stream = eventStore.readEvents(aggregateId, sequenceNumber);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = stream.next();
        if (event.getSequenceNumber() != sequenceNumber) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(event.getIdentifier(), event.getPayloadType().getName(),
                                           bodyOf(event.getPayload())));
    }

    private static String bodyOf(Object payload) {
        if (payload instanceof ProposalEvent proposal) {
            return proposal.bodyId();
        }
        if (payload instanceof MeetingEvent meeting) {
            return meeting.bodyId();
        }
        if (payload instanceof BodyEvent body) {
            return body.bodyId();
        }
        if (payload instanceof RecordCorrected correction) {
            return correction.bodyId();
        }
        return null;
    }
}
