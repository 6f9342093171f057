package org.consensusledger.command.body;

import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class BodyViews implements ViewLookup<BodyView> {

    private final Repository<Body> repository;

    BodyViews(Repository<Body> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<BodyView> find(String id) {
        return AggregateViews.load(repository, id, Body::view);
    }
}
