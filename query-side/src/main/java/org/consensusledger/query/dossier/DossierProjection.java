package org.consensusledger.query.dossier;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.dossier.DossierDocument.Appeal;
import org.consensusledger.query.dossier.DossierDocument.Call;
import org.consensusledger.query.dossier.DossierDocument.Contribution;
import org.consensusledger.query.dossier.DossierDocument.Correction;
import org.consensusledger.query.dossier.DossierDocument.Objection;
import org.consensusledger.query.dossier.DossierDocument.Outcome;
import org.consensusledger.query.dossier.DossierDocument.Step;
import org.consensusledger.query.dossier.DossierDocument.Version;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** Keeps {@code public_proposals}: one dossier per proposal, every event of it applied once, in log order. */
@Component
@ProcessingGroup("dossiers")
class DossierProjection {

    private final Dossiers dossiers;

    DossierProjection(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    /** A replay rebuilds the read model from position 0: start from nothing. */
    @ResetHandler
    void reset() {
        dossiers.model().clear();
    }

    @EventHandler
    void on(ProposalEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Step step = new Step(token.position().orElseThrow(), message.getSequenceNumber(),
                             event.getClass().getSimpleName(), message.getTimestamp(), event.occurredAt(),
                             (String) message.getMetaData().get("recordedBy"),
                             (String) message.getMetaData().get("actingFor"), event.meetingId(),
                             message.getIdentifier());
        if (event instanceof ProposalSubmitted) {
            dossiers.model().create(token, evolve(null, event, step));
        } else {
            dossiers.model().update(token, event.proposalId(), dossier -> evolve(dossier, event, step));
        }
    }

    @EventHandler
    void on(RecordCorrected event, TrackingToken token, DomainEventMessage<?> message) {
        dossiers.model().update(token, event.correctedAggregateId(), dossier -> dossier.withCorrections(add(
                new Correction(event.correctionId(), event.correctedSequenceNumber(), event.correctedEventType(),
                               event.whatIsWrong(), event.correction(), event.requestedBy(),
                               message.getTimestamp()))));
    }

    /**
     * The dossier after one more event of its proposal ({@code dossier} is null before the submission). The live
     * projection and the time travel of {@link DossierHistory} both build dossiers with it, so they cannot differ.
     */
    static DossierDocument evolve(DossierDocument dossier, ProposalEvent event, Step step) {
        if (event instanceof ProposalSubmitted submitted) {
            return DossierDocument.submitted(submitted.proposalId(), submitted.bodyId(), submitted.title(),
                                             submitted.proposedBy(),
                                             new Version(1, submitted.text(), submitted.textSha256(), null,
                                                         submitted.proposedBy(), submitted.meetingId(),
                                                         submitted.occurredAt(), step.recordedAt()))
                                  .withStep(step);
        }
        return apply(dossier, event, step.recordedAt()).withStep(step);
    }

    private static DossierDocument apply(DossierDocument dossier, ProposalEvent event, Instant recordedAt) {
        if (event instanceof ProposalRevised revised) {
            return dossier.withVersions(add(new Version(revised.version(), revised.text(), revised.textSha256(),
                                                        revised.summary(), revised.revisedBy(), revised.meetingId(),
                                                        revised.occurredAt(), recordedAt)));
        } else if (event instanceof ConsensusCallOpened call) {
            return dossier.withStatus("CALL_OPEN").withCalls(add(new Call(call.version(), call.deadline(),
                                                                          call.openedBy(), call.meetingId(),
                                                                          call.occurredAt())));
        } else if (event instanceof SupportExpressed support) {
            return dossier.withContributions(add(new Contribution(
                    "SUPPORT", support.organisationId(), support.stakeholderGroup(), support.version(),
                    support.comment(), support.meetingId(), support.occurredAt(), recordedAt)));
        } else if (event instanceof StandAsideRecorded standAside) {
            return dossier.withContributions(add(new Contribution(
                    "STAND_ASIDE", standAside.organisationId(), standAside.stakeholderGroup(), standAside.version(),
                    standAside.reason(), standAside.meetingId(), standAside.occurredAt(), recordedAt)));
        } else if (event instanceof ConcernRaised concern) {
            return dossier.withContributions(add(new Contribution(
                    "CONCERN", concern.organisationId(), concern.stakeholderGroup(), concern.version(),
                    concern.text(), concern.meetingId(), concern.occurredAt(), recordedAt)));
        } else if (event instanceof ObjectionRaised raised) {
            return dossier.withObjections(add(new Objection(
                    raised.objectionId(), raised.organisationId(), raised.stakeholderGroup(), raised.version(),
                    raised.grounds(), raised.meetingId(), raised.occurredAt(), null, null, null, null, null, null,
                    false, null)));
        } else if (event instanceof ObjectionAddressed addressed) {
            return dossier.withObjections(objections -> replace(
                    objections, addressed.objectionId(), objection -> objection.addressed(
                            addressed.disposition(), addressed.accommodatingVersion(), addressed.reasons(),
                            addressed.addressedBy(), addressed.meetingId(), addressed.occurredAt())));
        } else if (event instanceof ObjectionWithdrawn withdrawn) {
            return dossier.withObjections(objections -> replace(objections, withdrawn.objectionId(),
                                                                objection -> objection.withdrawnAt(
                                                                        withdrawn.occurredAt())));
        } else if (event instanceof RoughConsensusDeclared declared) {
            return dossier.withStatus("DECIDED").withOutcomes(add(new Outcome(
                    "ROUGH_CONSENSUS", declared.version(), declared.textSha256(), declared.rationale(),
                    declared.dissent(), declared.tallies(), declared.declaredBy(), declared.meetingId(),
                    declared.occurredAt(), recordedAt, null)));
        } else if (event instanceof ConsensusNotReached notReached) {
            return dossier.withStatus("DECIDED").withOutcomes(add(new Outcome(
                    "NO_CONSENSUS", notReached.version(), null, notReached.rationale(), List.of(),
                    notReached.tallies(), notReached.declaredBy(), notReached.meetingId(), notReached.occurredAt(),
                    recordedAt, null)));
        } else if (event instanceof ProposalDeferred deferred) {
            return dossier.withStatus("DEFERRED").withOutcomes(add(new Outcome(
                    "DEFERRED", deferred.version(), null, deferred.rationale(), List.of(), List.of(),
                    deferred.declaredBy(), deferred.meetingId(), deferred.occurredAt(), recordedAt, null)));
        } else if (event instanceof ProposalReopened) {
            return dossier.withStatus("OPEN");
        } else if (event instanceof ProposalWithdrawn) {
            return dossier.withStatus("WITHDRAWN");
        } else if (event instanceof AppealLodged lodged) {
            return dossier.withStatus("APPEALED").withAppeals(add(new Appeal(
                    lodged.appealId(), lodged.appellant(), lodged.grounds(), lodged.occurredAt(), null, null, null,
                    null)));
        } else if (event instanceof AppealDecided decided) {
            DossierDocument withDecision = dossier.withAppeals(appeals -> {
                appeals.replaceAll(appeal -> appeal.appealId().equals(decided.appealId())
                        ? appeal.decided(decided.decision(), decided.reasons(), decided.decidedBy(),
                                         decided.occurredAt())
                        : appeal);
                return appeals;
            });
            if (decided.decision() == AppealDecision.UPHELD) {
                return withDecision.withStatus("OPEN").withOutcomes(outcomes -> {
                    outcomes.set(outcomes.size() - 1, outcomes.get(outcomes.size() - 1)
                                                              .setAsideBy(decided.appealId()));
                    return outcomes;
                });
            }
            return withDecision.withStatus("DECIDED");
        }
        return dossier;
    }

    private static <T> UnaryOperator<List<T>> add(T item) {
        return items -> {
            items.add(item);
            return items;
        };
    }

    private static List<Objection> replace(List<Objection> objections, String objectionId,
                                           UnaryOperator<Objection> change) {
        objections.replaceAll(objection -> objection.objectionId().equals(objectionId) ? change.apply(objection)
                                                                                         : objection);
        return objections;
    }
}
