package org.consensusledger.dossier;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.body.MembershipRequested;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a body's {@link Composition} is computed from — its kind, its members' stakeholder groups and its co-chairs —
 * folded from the body's events. A dossier records the composition with each outcome as it stood at the declaration;
 * the query side's projection, its time travel and the verifier fold the body's events with this same code.
 */
public record Membership(BodyKind kind, List<Member> members, List<String> coChairs) {

    public record Member(String organisationId, StakeholderGroup stakeholderGroup) {
    }

    /**
     * The membership after one more event of the body ({@code current} is null before it was established); the
     * same object when the event does not change it. Every type of {@link BodyEvent} is named, and any other refused,
     * so that a new one is not passed over unseen by the dossiers and the verifier alike.
     */
    public static Membership evolve(Membership current, BodyEvent event) {
        if (event instanceof BodyEstablished established) {
            return new Membership(established.kind(), List.of(), List.of());
        } else if (current == null) {
            return null;
        } else if (event instanceof MemberAdmitted admitted) {
            List<Member> members = new ArrayList<>(current.members);
            members.removeIf(member -> member.organisationId().equals(admitted.organisationId()));
            members.add(new Member(admitted.organisationId(), admitted.stakeholderGroup()));
            return new Membership(current.kind, members, current.coChairs);
        } else if (event instanceof MemberWithdrawn withdrawn) {
            List<Member> members = new ArrayList<>(current.members);
            members.removeIf(member -> member.organisationId().equals(withdrawn.organisationId()));
            return new Membership(current.kind, members, current.coChairs);
        } else if (event instanceof CoChairAppointed appointed) {
            List<String> coChairs = new ArrayList<>(current.coChairs);
            coChairs.remove(appointed.organisationId());
            coChairs.add(appointed.organisationId());
            return new Membership(current.kind, current.members, coChairs);
        } else if (event instanceof CoChairRelieved relieved) {
            List<String> coChairs = new ArrayList<>(current.coChairs);
            coChairs.remove(relieved.organisationId());
            return new Membership(current.kind, current.members, coChairs);
        } else if (event instanceof MembershipRequested || event instanceof MandateAmended
                || event instanceof ConsensusCallLimitSet) {
            // A request is not yet membership; the mandate and the terms of calls are not the composition.
            return current;
        }
        throw new IllegalArgumentException("The membership of a body has no rule for " + event.getClass().getName());
    }

    /** The composition indicators of this membership. */
    public Composition composition() {
        Map<String, StakeholderGroup> groups = new LinkedHashMap<>();
        members.forEach(member -> groups.put(member.organisationId(), member.stakeholderGroup()));
        return Composition.of(kind, groups, coChairs);
    }
}
