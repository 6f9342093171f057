package org.consensusledger.command.correction;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;

record RecordCorrection(@TargetAggregateIdentifier String correctionId, String aggregateId, long sequenceNumber,
                        String whatIsWrong, String correction, Actor actor) implements ActorCommand {
}
