package org.consensusledger.command.shared;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;
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

    default OrganisationView requireOrganisation(String organisationId) {
        return organisation(organisationId).orElseThrow(() -> new UnknownReference("organisation", organisationId));
    }

    default BodyView requireBody(String bodyId) {
        return body(bodyId).orElseThrow(() -> new UnknownReference("body", bodyId));
    }

    default MeetingView requireMeeting(String meetingId) {
        return meeting(meetingId).orElseThrow(() -> new UnknownReference("meeting", meetingId));
    }

    record OrganisationView(String organisationId, String name, StakeholderGroup stakeholderGroup) {
    }

    /** A body as its decisions see it: members by stakeholder group, co-chairs, and its plenary if any. */
    record BodyView(String bodyId, String name, BodyKind kind, String parentBodyId,
                    Map<String, StakeholderGroup> members, Set<String> coChairs) {

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

    record MeetingView(String meetingId, String bodyId, MeetingStatus status, Instant openedAt, Instant closedAt) {
    }

    enum MeetingStatus {
        SCHEDULED, OPEN, CLOSED, CANCELLED
    }
}
