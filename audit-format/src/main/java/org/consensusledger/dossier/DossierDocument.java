package org.consensusledger.dossier;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A proposal's dossier as the public sees it ({@code public_proposals}): every version of its text, every
 * contribution, every objection with its dispositions, the outcomes, appeals and corrections, and the timeline of its
 * events. Lists only grow; each entry says when it happened ({@code occurredAt}), when the ledger recorded it
 * ({@code recordedAt}), in which meeting, and which step of the proposal recorded it and who ({@link Recorded}), so
 * that the corrections of that step can be shown beside it.
 */
public record DossierDocument(@BsonId String id, long position, String bodyId, String title, String proposedBy,
                              ProposalStatus status, List<Version> versions, List<Contribution> contributions,
                              List<Objection> objections, List<Call> consensusCalls, List<Outcome> outcomes,
                              List<Appeal> appeals, List<Correction> corrections, List<Step> timeline)
        implements Positioned<DossierDocument> {

    /**
     * The step of the proposal that recorded an entry: its sequence number in the proposal's stream, its place in the
     * log, and who recorded it ({@code recordedAs}, one of {@link Recorders}' roles, for {@code actingFor}).
     */
    public record Recorded(long sequenceNumber, long globalPosition, String recordedAs, String actingFor) {
    }

    public record Version(int version, String text, String textSha256, String summary, String by, String meetingId,
                          Instant occurredAt, Instant recordedAt, Recorded recorded) {
    }

    /**
     * Support, a stand-aside or a concern: {@code text} is the comment, reason or concern. A concern has its id and
     * the answers given to it, in order.
     */
    public record Contribution(String kind, String organisationId, StakeholderGroup stakeholderGroup, int version,
                               String text, String meetingId, Instant occurredAt, Instant recordedAt,
                               String concernId, List<Answer> answers, Recorded recorded) {

        /** Dossiers stored before concerns could be answered read as unanswered (replay to fill it). */
        public Contribution {
            answers = answers == null ? List.of() : answers;
        }

        Contribution answered(Answer answer) {
            List<Answer> all = new ArrayList<>(answers);
            all.add(answer);
            return new Contribution(kind, organisationId, stakeholderGroup, version, text, meetingId, occurredAt,
                                    recordedAt, concernId, all, recorded);
        }
    }

    /** An answer to a concern, by the proposer or a co-chair ({@code answeredBy}). */
    public record Answer(String answer, String answeredBy, String meetingId, Instant occurredAt, Instant recordedAt,
                         Recorded recorded) {
    }

    /**
     * An objection. Its first disposition is in {@code disposition} to {@code addressedAt} (and how long it waited is
     * counted to it); every later one, after an upheld appeal, is in {@code reconsidered}, in order, the last one
     * being the one in force.
     */
    public record Objection(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                            String grounds, String meetingId, Instant raisedAt, Disposition disposition,
                            Integer accommodatingVersion, String reasons, String addressedBy, String addressedIn,
                            Instant addressedAt, boolean withdrawn, Instant withdrawnAt, Recorded recorded,
                            Recorded addressedRecorded, Recorded withdrawnRecorded,
                            List<Reconsideration> reconsidered) {

        /** Dossiers stored before dispositions could be reconsidered read as none (replay to fill it). */
        public Objection {
            reconsidered = reconsidered == null ? List.of() : reconsidered;
        }

        Objection addressed(Disposition newDisposition, Integer version, String newReasons, String by,
                            String meeting, Instant at, Recorded step) {
            return new Objection(objectionId, organisationId, stakeholderGroup, this.version, grounds, meetingId,
                                 raisedAt, newDisposition, version, newReasons, by, meeting, at, withdrawn,
                                 withdrawnAt, recorded, step, withdrawnRecorded, reconsidered);
        }

        Objection withdrawnAt(Instant at, Recorded step) {
            return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, meetingId, raisedAt,
                                 disposition, accommodatingVersion, reasons, addressedBy, addressedIn, addressedAt,
                                 true, at, recorded, addressedRecorded, step, reconsidered);
        }

        Objection reconsidered(Reconsideration reconsideration) {
            List<Reconsideration> all = new ArrayList<>(reconsidered);
            all.add(reconsideration);
            return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, meetingId, raisedAt,
                                 disposition, accommodatingVersion, reasons, addressedBy, addressedIn, addressedAt,
                                 withdrawn, withdrawnAt, recorded, addressedRecorded, withdrawnRecorded, all);
        }
    }

    /** A disposition given again after the appeal {@code appealId} was upheld; the ones before stay on record. */
    public record Reconsideration(Disposition disposition, Integer accommodatingVersion, String reasons,
                                  String reconsideredBy, String appealId, String meetingId, Instant occurredAt,
                                  Instant recordedAt, Recorded recorded) {
    }

    /** A consensus call, and how it was ended before its deadline, if it was. */
    public record Call(int version, Instant deadline, String openedBy, String meetingId, Instant occurredAt,
                       Recorded recorded, CallEnded ended) {

        Call endedEarly(CallEnded end) {
            return new Call(version, deadline, openedBy, meetingId, occurredAt, recorded, end);
        }
    }

    /** A call ended early, by a co-chair ({@code endedBy}) or the secretariat ({@code endedBy} null), with reasons. */
    public record CallEnded(String endedBy, String reasons, String meetingId, Instant occurredAt, Instant recordedAt,
                            Recorded recorded) {
    }

    /**
     * An outcome; {@code setAsideBy} names the appeal that set it aside, if one did. {@code composition} is the
     * body's composition when it was declared (null when the log holds no establishment of the body).
     */
    public record Outcome(ProposalOutcome outcome, int version, String textSha256, String rationale,
                          List<Dissent> dissent, List<GroupTally> tallies, String declaredBy, String meetingId,
                          Instant occurredAt, Instant recordedAt, String setAsideBy, Recorded recorded,
                          Composition composition) {

        Outcome setAsideBy(String appealId) {
            return new Outcome(outcome, version, textSha256, rationale, dissent, tallies, declaredBy, meetingId,
                               occurredAt, recordedAt, appealId, recorded, composition);
        }
    }

    public record Appeal(String appealId, String appellant, String grounds, Instant lodgedAt, AppealDecision decision,
                         String reasons, String decidedBy, Instant decidedAt, Recorded recorded,
                         Recorded decisionRecorded) {

        Appeal decided(AppealDecision newDecision, String newReasons, String by, Instant at, Recorded step) {
            return new Appeal(appealId, appellant, grounds, lodgedAt, newDecision, newReasons, by, at, recorded,
                              step);
        }
    }

    /**
     * A correction, shown beside the step it corrects ({@code correctedSequenceNumber} in the timeline): what that
     * step was ({@code corrects}, the event's type without its package) and when it happened, so that it can be named
     * in words; who recorded the correction, and where the log holds it.
     */
    public record Correction(String correctionId, long correctedSequenceNumber, String correctedEventType,
                             String whatIsWrong, String correction, String requestedBy, Instant recordedAt,
                             String corrects, Instant correctedOccurredAt, long globalPosition, String recordedAs,
                             String actingFor) {
    }

    /**
     * One event of the proposal: its place in the log and in the proposal's stream, the member whose position or act
     * it is ({@code by}; null for the secretariat's own acts), and who recorded it ({@code recordedAs}, one of
     * {@link Recorders}' roles, for {@code actingFor}).
     */
    public record Step(long globalPosition, long sequenceNumber, String type, Instant recordedAt, Instant occurredAt,
                       String by, String recordedAs, String actingFor, String meetingId, String eventId) {

        /** The step as the reference its entries keep. */
        public Recorded recorded() {
            return new Recorded(sequenceNumber, globalPosition, recordedAs, actingFor);
        }
    }

    static DossierDocument submitted(String id, String bodyId, String title, String proposedBy, Version first) {
        return new DossierDocument(id, -1, bodyId, title, proposedBy, ProposalLifecycle.submitted().status(),
                                   List.of(first), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                                   List.of());
    }

    @Override
    public DossierDocument at(long newPosition) {
        return new DossierDocument(id, newPosition, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, outcomes, appeals, corrections, timeline);
    }

    DossierDocument withStatus(ProposalStatus newStatus) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, newStatus, versions, contributions,
                                   objections, consensusCalls, outcomes, appeals, corrections, timeline);
    }

    DossierDocument withVersions(UnaryOperator<List<Version>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, change.apply(copy(versions)),
                                   contributions, objections, consensusCalls, outcomes, appeals, corrections,
                                   timeline);
    }

    DossierDocument withContributions(UnaryOperator<List<Contribution>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions,
                                   change.apply(copy(contributions)), objections, consensusCalls, outcomes, appeals,
                                   corrections, timeline);
    }

    DossierDocument withObjections(UnaryOperator<List<Objection>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   change.apply(copy(objections)), consensusCalls, outcomes, appeals, corrections,
                                   timeline);
    }

    DossierDocument withCalls(UnaryOperator<List<Call>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, change.apply(copy(consensusCalls)), outcomes, appeals, corrections,
                                   timeline);
    }

    DossierDocument withOutcomes(UnaryOperator<List<Outcome>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, change.apply(copy(outcomes)), appeals, corrections,
                                   timeline);
    }

    DossierDocument withAppeals(UnaryOperator<List<Appeal>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, outcomes, change.apply(copy(appeals)), corrections,
                                   timeline);
    }

    DossierDocument withCorrections(UnaryOperator<List<Correction>> change) {
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, outcomes, appeals, change.apply(copy(corrections)),
                                   timeline);
    }

    DossierDocument withStep(Step step) {
        List<Step> steps = copy(timeline);
        steps.add(step);
        return new DossierDocument(id, position, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, outcomes, appeals, corrections, steps);
    }

    private static <T> List<T> copy(List<T> items) {
        return new ArrayList<>(items);
    }
}
