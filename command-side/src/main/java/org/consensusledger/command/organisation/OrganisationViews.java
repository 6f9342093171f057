package org.consensusledger.command.organisation;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.shared.LogViews;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link Organisation} as other aggregates' commands see it: read from its stream in the log, without locking it. */
@Component
class OrganisationViews implements ViewLookup<OrganisationView> {

    private final LogViews<Organisation, OrganisationView> views;

    OrganisationViews(EventStore events) {
        this.views = new LogViews<>(events, Organisation.class, Organisation::view, 10_000);
    }

    @Override
    public Optional<OrganisationView> find(String id) {
        return views.find(id);
    }
}
