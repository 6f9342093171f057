package org.consensusledger.dossier;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.eventlog.Positioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A proposal's dossier as the public sees it ({@code public_proposals}): every version of its text, every
 * contribution, every objection with its disposition, the outcomes, appeals and corrections, and the timeline of its
 * events. Lists only grow; each entry says when it happened ({@code occurredAt}), when the ledger recorded it
 * ({@code recordedAt}) and in which meeting.
 */
public record DossierDocument(@BsonId String id, long position, String bodyId, String title, String proposedBy,
                              String status, List<Version> versions, List<Contribution> contributions,
                              List<Objection> objections, List<Call> consensusCalls, List<Outcome> outcomes,
                              List<Appeal> appeals, List<Correction> corrections, List<Step> timeline)
        implements Positioned<DossierDocument> {

    public record Version(int version, String text, String textSha256, String summary, String by, String meetingId,
                          Instant occurredAt, Instant recordedAt) {
    }

    /** Support, a stand-aside or a concern: {@code text} is the comment, reason or concern. */
    public record Contribution(String kind, String organisationId, StakeholderGroup stakeholderGroup, int version,
                               String text, String meetingId, Instant occurredAt, Instant recordedAt) {
    }

    public record Objection(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                            String grounds, String meetingId, Instant raisedAt, Disposition disposition,
                            Integer accommodatingVersion, String reasons, String addressedBy, String addressedIn,
                            Instant addressedAt, boolean withdrawn, Instant withdrawnAt) {

        Objection addressed(Disposition newDisposition, Integer version, String newReasons, String by,
                            String meeting, Instant at) {
            return new Objection(objectionId, organisationId, stakeholderGroup, this.version, grounds, meetingId,
                                 raisedAt, newDisposition, version, newReasons, by, meeting, at, withdrawn,
                                 withdrawnAt);
        }

        Objection withdrawnAt(Instant at) {
            return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, meetingId, raisedAt,
                                 disposition, accommodatingVersion, reasons, addressedBy, addressedIn, addressedAt,
                                 true, at);
        }
    }

    public record Call(int version, Instant deadline, String openedBy, String meetingId, Instant occurredAt) {
    }

    /** An outcome; {@code setAsideBy} names the appeal that set it aside, if one did. */
    public record Outcome(String outcome, int version, String textSha256, String rationale, List<Dissent> dissent,
                          List<GroupTally> tallies, String declaredBy, String meetingId, Instant occurredAt,
                          Instant recordedAt, String setAsideBy) {

        Outcome setAsideBy(String appealId) {
            return new Outcome(outcome, version, textSha256, rationale, dissent, tallies, declaredBy, meetingId,
                               occurredAt, recordedAt, appealId);
        }
    }

    public record Appeal(String appealId, String appellant, String grounds, Instant lodgedAt, AppealDecision decision,
                         String reasons, String decidedBy, Instant decidedAt) {

        Appeal decided(AppealDecision newDecision, String newReasons, String by, Instant at) {
            return new Appeal(appealId, appellant, grounds, lodgedAt, newDecision, newReasons, by, at);
        }
    }

    /** A correction shown beside the step it corrects ({@code correctedSequenceNumber} in the timeline). */
    public record Correction(String correctionId, long correctedSequenceNumber, String correctedEventType,
                             String whatIsWrong, String correction, String requestedBy, Instant recordedAt) {
    }

    /** One event of the proposal: its place in the log and in the proposal's stream, and who recorded it. */
    public record Step(long globalPosition, long sequenceNumber, String type, Instant recordedAt, Instant occurredAt,
                       String recordedBy, String actingFor, String meetingId, String eventId) {
    }

    static DossierDocument submitted(String id, String bodyId, String title, String proposedBy, Version first) {
        return new DossierDocument(id, -1, bodyId, title, proposedBy, "OPEN", List.of(first), List.of(), List.of(),
                                   List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Override
    public DossierDocument at(long newPosition) {
        return new DossierDocument(id, newPosition, bodyId, title, proposedBy, status, versions, contributions,
                                   objections, consensusCalls, outcomes, appeals, corrections, timeline);
    }

    DossierDocument withStatus(String newStatus) {
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
