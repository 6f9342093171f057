package org.consensusledger.command.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;
import org.consensusledger.events.StakeholderGroup;

record RegisterOrganisation(@TargetAggregateIdentifier String organisationId, String name,
                            StakeholderGroup stakeholderGroup, String country, Actor actor) implements ActorCommand {
}
