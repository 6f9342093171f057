package org.consensusledger.command.organisation;

import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class OrganisationViews implements ViewLookup<OrganisationView> {

    private final Repository<Organisation> repository;

    OrganisationViews(Repository<Organisation> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<OrganisationView> find(String id) {
        return AggregateViews.load(repository, id, Organisation::view);
    }
}
