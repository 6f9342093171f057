package org.consensusledger.command.body;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.LogViews;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link Body} as other aggregates' commands see it: read from its stream in the log, without locking it. */
@Component
class BodyViews implements ViewLookup<BodyView> {

    private final LogViews<Body, BodyView> views;

    BodyViews(EventStore events) {
        this.views = new LogViews<>(events, Body.class, Body::view, 10_000);
    }

    @Override
    public Optional<BodyView> find(String id) {
        return views.find(id);
    }
}
