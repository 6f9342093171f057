package org.consensusledger.command.shared;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Directory} for fixture tests: what other aggregates would answer, set up by the test. Register it with
 * {@code fixture.registerInjectableResource(directory)}.
 */
public final class StubDirectory implements Directory {

    private final Map<String, OrganisationView> organisations = new HashMap<>();
    private final Map<String, BodyView> bodies = new HashMap<>();
    private final Map<String, MeetingView> meetings = new HashMap<>();
    private final Map<String, ProposalView> proposals = new HashMap<>();

    public StubDirectory organisation(String id, StakeholderGroup group) {
        organisations.put(id, new OrganisationView(id, "Organisation " + id, group));
        return this;
    }

    /** A body whose members are the given organisations (which must be known here), some of them co-chairs. */
    public StubDirectory body(String id, BodyKind kind, String parentBodyId, Set<String> coChairs,
                              String... members) {
        Map<String, StakeholderGroup> byGroup = new LinkedHashMap<>();
        for (String member : members) {
            byGroup.put(member, organisations.get(member).stakeholderGroup());
        }
        bodies.put(id, new BodyView(id, "Body " + id, kind, parentBodyId, byGroup, new LinkedHashSet<>(coChairs),
                                    BodyView.DEFAULT_MAX_CALL_DAYS));
        return this;
    }

    /** The body's terms: the longest a consensus call may run. */
    public StubDirectory callLimit(String bodyId, int maxCallDays) {
        BodyView body = bodies.get(bodyId);
        bodies.put(bodyId, new BodyView(body.bodyId(), body.name(), body.kind(), body.parentBodyId(), body.members(),
                                        body.coChairs(), maxCallDays));
        return this;
    }

    /** A meeting every member of its body attends. */
    public StubDirectory meeting(String id, String bodyId, MeetingStatus status, Instant openedAt, Instant closedAt) {
        BodyView body = bodies.get(bodyId);
        return meeting(id, bodyId, status, openedAt, closedAt, body == null ? Set.of() : body.members().keySet());
    }

    public StubDirectory meeting(String id, String bodyId, MeetingStatus status, Instant openedAt, Instant closedAt,
                                 Set<String> attending) {
        meetings.put(id, new MeetingView(id, bodyId, "Meeting " + id, status, openedAt, closedAt,
                                         Set.copyOf(attending)));
        return this;
    }

    public StubDirectory proposal(String id, String bodyId, String title, boolean open) {
        proposals.put(id, new ProposalView(id, bodyId, title, open));
        return this;
    }

    @Override
    public Optional<OrganisationView> organisation(String organisationId) {
        return Optional.ofNullable(organisations.get(organisationId));
    }

    @Override
    public Optional<BodyView> body(String bodyId) {
        return Optional.ofNullable(bodies.get(bodyId));
    }

    @Override
    public Optional<MeetingView> meeting(String meetingId) {
        return Optional.ofNullable(meetings.get(meetingId));
    }

    @Override
    public Optional<ProposalView> proposal(String proposalId) {
        return Optional.ofNullable(proposals.get(proposalId));
    }
}
