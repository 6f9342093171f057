package org.consensusledger.dossier;

import org.consensusledger.dossier.DossierDocument.Answer;
import org.consensusledger.dossier.DossierDocument.Appeal;
import org.consensusledger.dossier.DossierDocument.Call;
import org.consensusledger.dossier.DossierDocument.CallEnded;
import org.consensusledger.dossier.DossierDocument.Contribution;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Outcome;
import org.consensusledger.dossier.DossierDocument.Reconsideration;
import org.consensusledger.dossier.DossierDocument.Recorded;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.dossier.DossierDocument.Version;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalOutcome;
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
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a proposal's events make its dossier: the one fold that the query side's projection, its time travel and the
 * auditor's verifier all use, so that what they compute cannot differ. Every type of {@link ProposalEvent} has its
 * rule in {@link ProposalSteps}, which refuses to load without one, so no event is passed over unseen.
 */
public final class DossierFold {

    private DossierFold() {
    }

    /**
     * The dossier after one more event of its proposal ({@code dossier} is null before the submission), not yet
     * {@linkplain DossierDocument#at(long) at} the event's position. Its status is the {@link ProposalLifecycle}'s,
     * as the aggregate's and every read model's is; the rules of {@link ProposalSteps} add the event's entries.
     *
     * @param composition the body's composition when the event was recorded: recorded with an outcome (see
     *                    {@link #isOutcome}); null when unknown, or for any other event
     */
    public static DossierDocument evolve(DossierDocument dossier, ProposalEvent event, Step step,
                                         Composition composition) {
        if (event instanceof ProposalSubmitted submitted) {
            return DossierDocument.submitted(submitted.proposalId(), submitted.bodyId(), submitted.title(),
                                             submitted.proposedBy(),
                                             new Version(1, submitted.text(), submitted.textSha256(), null,
                                                         submitted.proposedBy(), submitted.meetingId(),
                                                         submitted.occurredAt(), step.recordedAt(), step.recorded()))
                                  .withStep(step);
        }
        return ProposalSteps.apply(dossier, event, new ProposalSteps.At(step, composition))
                            .withStatus(ProposalLifecycle.statusAfter(dossier.status(), event)).withStep(step);
    }

    /** Whether the event is an outcome, which records the body's composition as it stood then. */
    public static boolean isOutcome(ProposalEvent event) {
        return event instanceof RoughConsensusDeclared || event instanceof ConsensusNotReached
                || event instanceof ProposalDeferred;
    }

    /** The member whose position, objection or act the event is; null for an act of the secretariat itself. */
    public static String memberOf(ProposalEvent event) {
        return ProposalSteps.memberOf(event);
    }

    /** The event types the fold has a rule for: every type of {@link ProposalEvent}. */
    public static Set<Class<? extends ProposalEvent>> handledTypes() {
        return ProposalSteps.handledTypes();
    }

    static DossierDocument revised(DossierDocument dossier, ProposalRevised revised, ProposalSteps.At at) {
        return dossier.withVersions(add(new Version(revised.version(), revised.text(), revised.textSha256(),
                                                    revised.summary(), revised.revisedBy(), revised.meetingId(),
                                                    revised.occurredAt(), at.recordedAt(), at.recorded())));
    }

    static DossierDocument callOpened(DossierDocument dossier, ConsensusCallOpened call, ProposalSteps.At at) {
        return dossier.withCalls(add(new Call(call.version(), call.deadline(), call.openedBy(), call.meetingId(),
                                              call.occurredAt(), at.recorded(), null)));
    }

    /** The call open last ends early, with who ended it and why. */
    static DossierDocument callEnded(DossierDocument dossier, ConsensusCallEnded ended, ProposalSteps.At at) {
        CallEnded end = new CallEnded(ended.endedBy(), ended.reasons(), ended.meetingId(), ended.occurredAt(),
                                      at.recordedAt(), at.recorded());
        return dossier.withCalls(calls -> {
            if (!calls.isEmpty()) {
                calls.set(calls.size() - 1, calls.get(calls.size() - 1).endedEarly(end));
            }
            return calls;
        });
    }

    static DossierDocument support(DossierDocument dossier, SupportExpressed support, ProposalSteps.At at) {
        return dossier.withContributions(add(new Contribution(
                "SUPPORT", support.organisationId(), support.stakeholderGroup(), support.version(), support.comment(),
                support.meetingId(), support.occurredAt(), at.recordedAt(), null, List.of(), at.recorded())));
    }

    static DossierDocument standAside(DossierDocument dossier, StandAsideRecorded standAside, ProposalSteps.At at) {
        return dossier.withContributions(add(new Contribution(
                "STAND_ASIDE", standAside.organisationId(), standAside.stakeholderGroup(), standAside.version(),
                standAside.reason(), standAside.meetingId(), standAside.occurredAt(), at.recordedAt(), null,
                List.of(), at.recorded())));
    }

    static DossierDocument concern(DossierDocument dossier, ConcernRaised concern, ProposalSteps.At at) {
        return dossier.withContributions(add(new Contribution(
                "CONCERN", concern.organisationId(), concern.stakeholderGroup(), concern.version(), concern.text(),
                concern.meetingId(), concern.occurredAt(), at.recordedAt(), concern.concernId(), List.of(),
                at.recorded())));
    }

    static DossierDocument answered(DossierDocument dossier, ConcernAnswered answered, ProposalSteps.At at) {
        Answer answer = new Answer(answered.answer(), answered.answeredBy(), answered.meetingId(),
                                   answered.occurredAt(), at.recordedAt(), at.recorded());
        return dossier.withContributions(contributions -> {
            contributions.replaceAll(contribution -> answered.concernId().equals(contribution.concernId())
                    ? contribution.answered(answer) : contribution);
            return contributions;
        });
    }

    static DossierDocument objection(DossierDocument dossier, ObjectionRaised raised, ProposalSteps.At at) {
        return dossier.withObjections(add(new Objection(
                raised.objectionId(), raised.organisationId(), raised.stakeholderGroup(), raised.version(),
                raised.grounds(), raised.meetingId(), raised.occurredAt(), null, null, null, null, null, null, false,
                null, at.recorded(), null, null, List.of())));
    }

    static DossierDocument addressed(DossierDocument dossier, ObjectionAddressed addressed, ProposalSteps.At at) {
        return dossier.withObjections(objections -> replace(objections, addressed.objectionId(), objection ->
                objection.addressed(addressed.disposition(), addressed.accommodatingVersion(), addressed.reasons(),
                                    addressed.addressedBy(), addressed.meetingId(), addressed.occurredAt(),
                                    at.recorded())));
    }

    static DossierDocument reconsidered(DossierDocument dossier, ObjectionReconsidered again, ProposalSteps.At at) {
        Reconsideration reconsideration = new Reconsideration(
                again.disposition(), again.accommodatingVersion(), again.reasons(), again.reconsideredBy(),
                again.appealId(), again.meetingId(), again.occurredAt(), at.recordedAt(), at.recorded());
        return dossier.withObjections(objections -> replace(objections, again.objectionId(),
                                                            objection -> objection.reconsidered(reconsideration)));
    }

    static DossierDocument withdrawn(DossierDocument dossier, ObjectionWithdrawn withdrawn, ProposalSteps.At at) {
        return dossier.withObjections(objections -> replace(objections, withdrawn.objectionId(), objection ->
                objection.withdrawnAt(withdrawn.occurredAt(), at.recorded())));
    }

    static DossierDocument declared(DossierDocument dossier, RoughConsensusDeclared declared, ProposalSteps.At at) {
        return dossier.withOutcomes(add(new Outcome(
                ProposalOutcome.ROUGH_CONSENSUS, declared.version(), declared.textSha256(), declared.rationale(),
                declared.dissent(), declared.tallies(), declared.declaredBy(), declared.meetingId(),
                declared.occurredAt(), at.recordedAt(), null, at.recorded(), at.composition())));
    }

    static DossierDocument notReached(DossierDocument dossier, ConsensusNotReached notReached, ProposalSteps.At at) {
        return dossier.withOutcomes(add(new Outcome(
                ProposalOutcome.NO_CONSENSUS, notReached.version(), null, notReached.rationale(), List.of(),
                notReached.tallies(), notReached.declaredBy(), notReached.meetingId(), notReached.occurredAt(),
                at.recordedAt(), null, at.recorded(), at.composition())));
    }

    static DossierDocument deferred(DossierDocument dossier, ProposalDeferred deferred, ProposalSteps.At at) {
        return dossier.withOutcomes(add(new Outcome(
                ProposalOutcome.DEFERRED, deferred.version(), null, deferred.rationale(), List.of(), List.of(),
                deferred.declaredBy(), deferred.meetingId(), deferred.occurredAt(), at.recordedAt(), null,
                at.recorded(), at.composition())));
    }

    static DossierDocument lodged(DossierDocument dossier, AppealLodged lodged, ProposalSteps.At at) {
        return dossier.withAppeals(add(new Appeal(
                lodged.appealId(), lodged.appellant(), lodged.grounds(), lodged.occurredAt(), null, null, null, null,
                at.recorded(), null)));
    }

    /** An upheld appeal sets the last outcome aside (and the lifecycle opens the proposal again). */
    static DossierDocument appealDecided(DossierDocument dossier, AppealDecided decided, ProposalSteps.At at) {
        DossierDocument withDecision = dossier.withAppeals(appeals -> {
            appeals.replaceAll(appeal -> appeal.appealId().equals(decided.appealId())
                    ? appeal.decided(decided.decision(), decided.reasons(), decided.decidedBy(), decided.occurredAt(),
                                     at.recorded())
                    : appeal);
            return appeals;
        });
        if (decided.decision() == AppealDecision.UPHELD) {
            return withDecision.withOutcomes(outcomes -> {
                if (!outcomes.isEmpty()) {
                    outcomes.set(outcomes.size() - 1, outcomes.get(outcomes.size() - 1)
                                                              .setAsideBy(decided.appealId()));
                }
                return outcomes;
            });
        }
        return withDecision;
    }

    static <T> UnaryOperator<List<T>> add(T item) {
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

    /**
     * A step of the timeline: the event, where the log holds it, when it was recorded, whose act it is and who
     * recorded it, from the event's metadata {@code recordedAs} and {@code actingFor} (see {@link Recorders#role}).
     */
    public static Step step(ProposalEvent event, long globalPosition, long sequenceNumber, Instant recordedAt,
                            String recordedAs, String actingFor, String eventId) {
        return new Step(globalPosition, sequenceNumber, event.getClass().getSimpleName(), recordedAt,
                        event.occurredAt(), memberOf(event), Recorders.role(recordedAs, actingFor), actingFor,
                        event.meetingId(), eventId);
    }

    /**
     * The dossier with one more correction of one of its steps, recorded at {@code recordedAt} (global position
     * {@code globalPosition}) by {@code recordedAs} for {@code actingFor}; it names the step it corrects as the
     * timeline has it.
     */
    public static DossierDocument corrected(DossierDocument dossier, RecordCorrected event, Instant recordedAt,
                                            long globalPosition, String recordedAs, String actingFor) {
        Step corrected = dossier.timeline().stream()
                                .filter(step -> step.sequenceNumber() == event.correctedSequenceNumber())
                                .findFirst().orElse(null);
        return dossier.withCorrections(add(correction(event, corrected == null ? null : corrected.occurredAt(),
                                                      recordedAt, globalPosition, recordedAs, actingFor)));
    }

    /**
     * A correction of any record (a proposal, meeting, body or organisation), as it is shown beside what it
     * corrects: that step's type without its package, so that it can be named in words, and when it happened, if
     * known ({@code correctedOccurredAt}).
     */
    public static Correction correction(RecordCorrected event, Instant correctedOccurredAt, Instant recordedAt,
                                        long globalPosition, String recordedAs, String actingFor) {
        String type = event.correctedEventType();
        return new Correction(event.correctionId(), event.correctedSequenceNumber(), type, event.whatIsWrong(),
                              event.correction(), event.requestedBy(), recordedAt,
                              type == null ? null : type.substring(type.lastIndexOf('.') + 1), correctedOccurredAt,
                              globalPosition, Recorders.role(recordedAs, actingFor), actingFor);
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
