package org.consensusledger.command.meeting;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.LogViews;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link Meeting} as other aggregates' commands see it: read from its stream in the log, without locking it. */
@Component
class MeetingViews implements ViewLookup<MeetingView> {

    private final LogViews<Meeting, MeetingView> views;

    MeetingViews(EventStore events) {
        this.views = new LogViews<>(events, Meeting.class, Meeting::view, 10_000);
    }

    @Override
    public Optional<MeetingView> find(String id) {
        return views.find(id);
    }
}
