package org.consensusledger.command.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;
import org.consensusledger.command.shared.RecordedEvent;
import org.consensusledger.command.shared.ResultFromEvents;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalRevised;

import java.time.Instant;
import java.util.List;

/**
 * The commands of a proposal, one record each. {@code meetingId} (optional) is the meeting the step happened in;
 * {@code occurredAt} (optional) when it happened, for minutes entered after the fact.
 */
final class ProposalCommands {

    private ProposalCommands() {
    }

    record SubmitProposal(@TargetAggregateIdentifier String proposalId, String bodyId, String proposedBy, String title,
                          String text, String meetingId, Instant occurredAt, Actor actor) implements ActorCommand {
    }

    record ReviseProposal(@TargetAggregateIdentifier String proposalId, String text, String summary, String meetingId,
                          Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand, ResultFromEvents<Revision> {

        @Override
        public Revision resultFrom(List<RecordedEvent> stored) {
            RecordedEvent last = stored.get(stored.size() - 1);
            return new Revision(last.sequenceNumber(), ((ProposalRevised) last.payload()).version());
        }
    }

    /** What a revision led to: the aggregate's version, and the number of the new text version. */
    record Revision(long version, int textVersion) {
    }

    record EndConsensusCall(@TargetAggregateIdentifier String proposalId, String reasons, String meetingId,
                            Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand {
    }

    record AnswerConcern(@TargetAggregateIdentifier String proposalId, String concernId, String answer,
                         String answeredBy, String meetingId, Instant occurredAt,
                         @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record ReconsiderDisposition(@TargetAggregateIdentifier String proposalId, String objectionId,
                                 Disposition disposition, Integer accommodatingVersion, String reasons,
                                 String meetingId, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                                 Actor actor) implements ActorCommand {
    }

    record OpenConsensusCall(@TargetAggregateIdentifier String proposalId, Instant deadline, String meetingId,
                             Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand {
    }

    record ExpressSupport(@TargetAggregateIdentifier String proposalId, String organisationId, String comment,
                          String meetingId, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                          Actor actor) implements ActorCommand {
    }

    record RecordStandAside(@TargetAggregateIdentifier String proposalId, String organisationId, String reason,
                            String meetingId, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                            Actor actor) implements ActorCommand {
    }

    record RaiseConcern(@TargetAggregateIdentifier String proposalId, String concernId, String organisationId,
                        String text, String meetingId, Instant occurredAt,
                        @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record RaiseObjection(@TargetAggregateIdentifier String proposalId, String objectionId, String organisationId,
                          String grounds, String meetingId, Instant occurredAt,
                          @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record AddressObjection(@TargetAggregateIdentifier String proposalId, String objectionId, Disposition disposition,
                            Integer accommodatingVersion, String reasons, String meetingId, Instant occurredAt,
                            @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record WithdrawObjection(@TargetAggregateIdentifier String proposalId, String objectionId, String reason,
                             String meetingId, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                             Actor actor) implements ActorCommand {
    }

    record DeclareOutcome(@TargetAggregateIdentifier String proposalId, ProposalOutcome outcome, String rationale,
                          String meetingId, Instant occurredAt, @TargetAggregateVersion Long expectedVersion,
                          Actor actor) implements ActorCommand {
    }

    record WithdrawProposal(@TargetAggregateIdentifier String proposalId, String reason, String meetingId,
                            Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand {
    }

    record ReopenProposal(@TargetAggregateIdentifier String proposalId, String reason, String meetingId,
                          Instant occurredAt, @TargetAggregateVersion Long expectedVersion, Actor actor)
            implements ActorCommand {
    }

    record LodgeAppeal(@TargetAggregateIdentifier String proposalId, String appealId, String appellant,
                       String grounds, String meetingId, Instant occurredAt,
                       @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }

    record DecideAppeal(@TargetAggregateIdentifier String proposalId, String appealId, AppealDecision decision,
                        String reasons, String meetingId, Instant occurredAt,
                        @TargetAggregateVersion Long expectedVersion, Actor actor) implements ActorCommand {
    }
}
