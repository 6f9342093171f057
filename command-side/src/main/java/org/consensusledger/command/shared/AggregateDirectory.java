package org.consensusledger.command.shared;

import org.springframework.stereotype.Component;

import java.util.Optional;

/** The application's {@link Directory}: each question answered by the stream of the aggregate that owns the answer. */
@Component
class AggregateDirectory implements Directory {

    private final ViewLookup<OrganisationView> organisations;
    private final ViewLookup<BodyView> bodies;
    private final ViewLookup<MeetingView> meetings;
    private final ViewLookup<ProposalView> proposals;

    AggregateDirectory(ViewLookup<OrganisationView> organisations, ViewLookup<BodyView> bodies,
                       ViewLookup<MeetingView> meetings, ViewLookup<ProposalView> proposals) {
        this.organisations = organisations;
        this.bodies = bodies;
        this.meetings = meetings;
        this.proposals = proposals;
    }

    @Override
    public Optional<OrganisationView> organisation(String organisationId) {
        return organisations.find(organisationId);
    }

    @Override
    public Optional<BodyView> body(String bodyId) {
        return bodies.find(bodyId);
    }

    @Override
    public Optional<MeetingView> meeting(String meetingId) {
        return meetings.find(meetingId);
    }

    @Override
    public Optional<ProposalView> proposal(String proposalId) {
        return proposals.find(proposalId);
    }
}
