package org.consensusledger.command.organisation;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An organisation: its name and its stakeholder group, which it keeps for good. */
@Aggregate(cache = "organisationCache")
class Organisation {

    @AggregateIdentifier
    private String organisationId;
    private String name;
    private StakeholderGroup stakeholderGroup;

    Organisation() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Organisation(RegisterOrganisation command, Directory directory) {
        if (!command.actor().secretariat()) {
            throw new NotAllowed("Only the secretariat registers organisations; this token is "
                                         + directory.describe(command.actor()));
        }
        apply(new OrganisationRegistered(command.organisationId(), command.name().strip(), command.stakeholderGroup(),
                                         command.country()));
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
        name = event.name();
        stakeholderGroup = event.stakeholderGroup();
    }

    OrganisationView view() {
        return new OrganisationView(organisationId, name, stakeholderGroup);
    }
}
