package org.consensusledger.command.shared;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one aggregate's decisions need to know of others: an organisation's stakeholder group, a body's members and
 * co-chairs, a meeting's state. Command handlers take it as a parameter; the application answers from the aggregates
 * themselves, read from the log without locking them ({@link LogViews}), fixture tests from a stub.
 */
public interface Directory {

    Optional<OrganisationView> organisation(String organisationId);

    Optional<BodyView> body(String bodyId);

    Optional<MeetingView> meeting(String meetingId);

    Optional<ProposalView> proposal(String proposalId);

    default OrganisationView requireOrganisation(String organisationId) {
        return organisation(organisationId).orElseThrow(() -> new UnknownReference("organisation", organisationId));
    }

    default BodyView requireBody(String bodyId) {
        return body(bodyId).orElseThrow(() -> new UnknownReference("body", bodyId));
    }

    default MeetingView requireMeeting(String meetingId) {
        return meeting(meetingId).orElseThrow(() -> new UnknownReference("meeting", meetingId));
    }

    default ProposalView requireProposal(String proposalId) {
        return proposal(proposalId).orElseThrow(() -> new UnknownReference("proposal", proposalId));
    }

    /**
     * An organisation as a refusal names it: by its name, which is what the people reading the message know it by;
     * by its id only where the ledger holds no organisation of that id.
     */
    default String nameOf(String organisationId) {
        return organisation(organisationId).map(OrganisationView::name).orElse(organisationId);
    }

    /** Who sends a command, in words: the secretariat, or a delegate of the organisation it acts for, named. */
    default String describe(Actor actor) {
        return actor.secretariat() ? "the secretariat" : "a delegate of " + nameOf(actor.organisationId());
    }

    record OrganisationView(String organisationId, String name, StakeholderGroup stakeholderGroup) {
    }

    /**
     * A body as its decisions see it: members by stakeholder group, co-chairs, its plenary if any, the longest a
     * consensus call may run ({@code maxCallDays}, the body's terms), and the membership requests a co-chair has yet
     * to admit ({@code requests}: each organisation and the member or organisation that asked).
     */
    record BodyView(String bodyId, String name, BodyKind kind, String parentBodyId,
                    Map<String, StakeholderGroup> members, Set<String> coChairs, int maxCallDays,
                    Map<String, String> requests) {

        /** The longest a consensus call runs where the secretariat has set no limit for the body. */
        public static final int DEFAULT_MAX_CALL_DAYS = ConsensusCallLimitSet.DEFAULT_DAYS;

        public boolean isMember(String organisationId) {
            return organisationId != null && members.containsKey(organisationId);
        }

        public boolean isCoChair(String organisationId) {
            return organisationId != null && coChairs.contains(organisationId);
        }

        public StakeholderGroup groupOf(String organisationId) {
            return members.get(organisationId);
        }
    }

    /**
     * A meeting as steps taken in it see it: whether it is open, since and until when, and who attends it; and, for
     * the console's screens, its title, start and agenda (the proposals to take up, in order).
     */
    record MeetingView(String meetingId, String bodyId, MeetingStatus status, Instant openedAt, Instant closedAt,
                       Set<String> attending, String title, Instant startsAt, List<String> agenda) {

        public boolean isAttending(String organisationId) {
            return attending.contains(organisationId);
        }
    }

    /**
     * A proposal as a meeting's agenda and the console's proposal page see it: whose it is, where it stands in its
     * lifecycle, the outcome in force, the deadline of an open consensus call, the open appeal and its appellant, and
     * who declared the outcome (who may not decide an appeal against it).
     */
    record ProposalView(String proposalId, String bodyId, String title, String proposedBy, ProposalStatus status,
                        ProposalOutcome outcome, Instant callDeadline, String openAppealId, String openAppellant,
                        String declaredBy) {

        /** Whether it can still be taken up on an agenda: not decided, nor withdrawn. */
        public boolean open() {
            return status != ProposalStatus.DECIDED && status != ProposalStatus.WITHDRAWN;
        }
    }

    enum MeetingStatus {
        SCHEDULED, OPEN, CLOSED, CANCELLED
    }
}
