package org.consensusledger.command.proposal;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.shared.Directory.ProposalView;
import org.consensusledger.command.shared.LogViews;
import org.consensusledger.command.shared.ViewLookup;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link Proposal} as a meeting's agenda sees it: read from its stream in the log, without locking it. */
@Component
class ProposalViews implements ViewLookup<ProposalView> {

    private final LogViews<Proposal, ProposalView> views;

    ProposalViews(EventStore events) {
        this.views = new LogViews<>(events, Proposal.class, Proposal::view, 10_000);
    }

    @Override
    public Optional<ProposalView> find(String id) {
        return views.find(id);
    }
}
