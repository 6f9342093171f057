package org.consensusledger.dossier;

import org.consensusledger.dossier.DossierDocument.Appeal;
import org.consensusledger.dossier.DossierDocument.Call;
import org.consensusledger.dossier.DossierDocument.Contribution;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Outcome;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierDocument.Version;
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

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How a proposal's events make its dossier: the one fold that the query side's projection, its time travel and the
 * auditor's verifier all use, so that what they compute cannot differ.
 */
public final class DossierFold {

    private DossierFold() {
    }

    /**
     * The dossier after one more event of its proposal ({@code dossier} is null before the submission), not yet
     * {@linkplain DossierDocument#at(long) at} the event's position.
     */
    public static DossierDocument evolve(DossierDocument dossier, ProposalEvent event, Step step) {
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

    /** A step of the timeline: the event, where the log holds it, when and by whom it was recorded. */
    public static Step step(ProposalEvent event, long globalPosition, long sequenceNumber, Instant recordedAt,
                            String recordedBy, String actingFor, String eventId) {
        return new Step(globalPosition, sequenceNumber, event.getClass().getSimpleName(), recordedAt,
                        event.occurredAt(), recordedBy, actingFor, event.meetingId(), eventId);
    }

    /** The dossier with one more correction of one of its steps, recorded at {@code recordedAt}. */
    public static DossierDocument corrected(DossierDocument dossier, RecordCorrected event, Instant recordedAt) {
        return dossier.withCorrections(add(new Correction(event.correctionId(), event.correctedSequenceNumber(),
                                                          event.correctedEventType(), event.whatIsWrong(),
                                                          event.correction(), event.requestedBy(), recordedAt)));
    }

    /** {@code then} with those corrections in {@code corrections} that were recorded by {@code asOf}. */
    public static DossierDocument withCorrectionsRecordedBy(DossierDocument then, List<Correction> corrections,
                                                            Instant asOf) {
        return then.withCorrections(kept -> {
            corrections.stream().filter(correction -> !correction.recordedAt().isAfter(asOf)).forEach(kept::add);
            return kept;
        });
    }
}
