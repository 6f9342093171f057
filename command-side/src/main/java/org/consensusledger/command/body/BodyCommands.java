package org.consensusledger.command.body;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;
import org.consensusledger.command.shared.RecordedEvent;
import org.consensusledger.command.shared.ResultFromEvents;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.body.MemberAdmitted;

import java.util.List;

/** The commands of a body, one record each. */
final class BodyCommands {

    private BodyCommands() {
    }

    /** {@code timeZone}: the IANA zone id the body's meetings are held in, or null for UTC. */
    record EstablishBody(@TargetAggregateIdentifier String bodyId, String name, BodyKind kind, String parentBodyId,
                         String mandate, String timeZone, Actor actor) implements ActorCommand {

        /** A body whose meetings are in UTC. */
        EstablishBody(String bodyId, String name, BodyKind kind, String parentBodyId, String mandate, Actor actor) {
            this(bodyId, name, kind, parentBodyId, mandate, null, actor);
        }
    }

    record AppointCoChair(@TargetAggregateIdentifier String bodyId, String organisationId,
                          @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record RelieveCoChair(@TargetAggregateIdentifier String bodyId, String organisationId, String reason,
                          @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    /** Asks for, proposes or grants membership: what it leads to depends on who asks (see {@link Body}). */
    record AdmitMember(@TargetAggregateIdentifier String bodyId, String organisationId,
                       @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand, ResultFromEvents<Admission> {

        @Override
        public Admission resultFrom(List<RecordedEvent> stored) {
            RecordedEvent last = stored.get(stored.size() - 1);
            return new Admission(last.sequenceNumber(), last.payload() instanceof MemberAdmitted);
        }
    }

    /** What an {@link AdmitMember} led to: an admission, or a request waiting for a co-chair. */
    record Admission(long version, boolean admitted) {
    }

    record WithdrawMember(@TargetAggregateIdentifier String bodyId, String organisationId, String reason,
                          @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record SetConsensusCallLimit(@TargetAggregateIdentifier String bodyId, int maxCallDays,
                                 @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record AmendMandate(@TargetAggregateIdentifier String bodyId, String mandate, String rationale,
                        @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }
}
