package org.consensusledger.command.meeting;

import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class MeetingViews implements ViewLookup<MeetingView> {

    private final Repository<Meeting> repository;

    MeetingViews(Repository<Meeting> repository) {
        this.repository = repository;
    }

    @Override
    public Optional<MeetingView> find(String id) {
        return AggregateViews.load(repository, id, Meeting::view);
    }
}
