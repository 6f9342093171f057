package org.consensusledger.command.correction;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.record.RecordCorrected;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A record correction: events are never changed, so a mistake is answered by this event, which points at the wrong
 * one (by aggregate and sequence number, and by event id) and says what is wrong and what is right. The secretariat
 * may correct any record, a co-chair the records of its own body.
 */
@Aggregate
class Correction {

    @AggregateIdentifier
    private String correctionId;

    Correction() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Correction(RecordCorrection command, StoredEvents events, Directory directory) {
        if (command.whatIsWrong() == null || command.whatIsWrong().isBlank()
                || command.correction() == null || command.correction().isBlank()) {
            throw new RuleViolation("correction-needs-text",
                                    "A correction says what is wrong and what is right: whatIsWrong and correction "
                                            + "must not be blank");
        }
        StoredEvents.StoredEvent corrected = events.find(command.aggregateId(), command.sequenceNumber()).orElseThrow(
                () -> new UnknownReference("event", command.aggregateId() + " #" + command.sequenceNumber()));
        requireAllowed(command.actor(), corrected, directory);
        apply(new RecordCorrected(command.correctionId(), command.aggregateId(), command.sequenceNumber(),
                                  corrected.eventId(), corrected.payloadType(), corrected.bodyId(),
                                  command.whatIsWrong().strip(), command.correction().strip(),
                                  command.actor().organisationId(), LedgerTime.now()));
    }

    private static void requireAllowed(Actor actor, StoredEvents.StoredEvent corrected, Directory directory) {
        if (actor.secretariat()) {
            return;
        }
        if (corrected.bodyId() == null) {
            throw new NotAllowed("Only the secretariat corrects records that belong to no body; this token is "
                                         + directory.describe(actor));
        }
        Directory.BodyView body = directory.requireBody(corrected.bodyId());
        if (!body.isCoChair(actor.organisationId())) {
            throw new NotAllowed("Only the secretariat or a co-chair of body \"" + body.name()
                                         + "\" corrects its records; this token is " + directory.describe(actor));
        }
    }

    @EventSourcingHandler
    void on(RecordCorrected event) {
        correctionId = event.correctionId();
    }
}
