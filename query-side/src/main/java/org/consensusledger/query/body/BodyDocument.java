package org.consensusledger.query.body;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalLifecycle.Stage;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A body as the public sees it ({@code public_bodies}): mandate, members and co-chairs, pending membership
 * requests, meetings, proposals and decisions, the longest consensus call its terms allow, and the corrections of
 * its record, and the IANA time zone its meetings are held in ({@code timeZone}; null: UTC). Organisations are named
 * by id; the API adds their names.
 */
public record BodyDocument(@BsonId String id, long position, String name, BodyKind kind, String parentBodyId,
                    String mandate, Instant establishedAt, List<Member> members, List<String> coChairs,
                    List<Request> requests, List<MeetingSummary> meetings, List<ProposalSummary> proposals,
                    Integer maxCallDays, List<Correction> corrections, String timeZone)
        implements Positioned<BodyDocument> {

    /** Documents stored before this field existed read it as empty (replay to fill it). */
    public BodyDocument {
        corrections = corrections == null ? List.of() : corrections;
    }


    public record Member(String organisationId, StakeholderGroup stakeholderGroup, AdmissionPath path,
                         String requestedBy, String admittedBy, Instant admittedAt) {
    }

    public record Request(String organisationId, StakeholderGroup stakeholderGroup, String requestedBy,
                          Instant requestedAt) {
    }

    /** {@code closeRecordedAt}: when its closing was recorded (the instant "as of its close" shows). */
    public record MeetingSummary(String meetingId, String title, Instant startsAt, MeetingFormat format,
                                 String location, String status, Instant openedAt, Instant closedAt,
                                 Instant closeRecordedAt) {

        MeetingSummary(String meetingId, String title, Instant startsAt, MeetingFormat format, String location,
                       String status, Instant openedAt, Instant closedAt) {
            this(meetingId, title, startsAt, format, location, status, openedAt, closedAt, null);
        }
    }

    /**
     * A proposal, where it stands in its {@linkplain ProposalLifecycle lifecycle}, and the outcome in force with the
     * version, time and meeting of its declaration (all cleared again when an upheld appeal sets the outcome aside).
     */
    public record ProposalSummary(String proposalId, String title, String proposedBy, Instant submittedAt,
                                  ProposalStatus status, ProposalOutcome outcome, Integer decidedVersion,
                                  Instant decidedAt, String decidedInMeeting, int dissent) {

        static ProposalSummary submitted(String proposalId, String title, String proposedBy, Instant at) {
            Stage stage = ProposalLifecycle.submitted();
            return new ProposalSummary(proposalId, title, proposedBy, at, stage.status(), stage.outcome(), null, null,
                                       null, 0);
        }

        /** This summary at {@code stage}: the same object when the stage is the same. */
        ProposalSummary moved(Stage stage) {
            if (stage.status() == status && stage.outcome() == outcome) {
                return this;
            }
            return stage.outcome() == null
                    ? new ProposalSummary(proposalId, title, proposedBy, submittedAt, stage.status(), null, null, null,
                                          null, 0)
                    : new ProposalSummary(proposalId, title, proposedBy, submittedAt, stage.status(), stage.outcome(),
                                          decidedVersion, decidedAt, decidedInMeeting, dissent);
        }

        ProposalSummary decided(Stage stage, int version, Instant at, String meetingId, int dissentCount) {
            return new ProposalSummary(proposalId, title, proposedBy, submittedAt, stage.status(), stage.outcome(),
                                       version, at, meetingId, dissentCount);
        }
    }

    static BodyDocument established(String id, String name, BodyKind kind, String parentBodyId, String mandate,
                                    Instant at, String timeZone) {
        return new BodyDocument(id, -1, name, kind, parentBodyId, mandate, at, List.of(), List.of(), List.of(),
                                List.of(), List.of(), null, List.of(), timeZone);
    }

    @Override
    public BodyDocument at(long newPosition) {
        return new BodyDocument(id, newPosition, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, meetings, proposals, maxCallDays, corrections, timeZone);
    }

    /** The longest consensus call its terms allow, in days; null while the ledger's default applies. */
    BodyDocument withMaxCallDays(int days) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, meetings, proposals, days, corrections, timeZone);
    }

    BodyDocument corrected(Correction correction) {
        List<Correction> all = new ArrayList<>(corrections);
        all.add(correction);
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, meetings, proposals, maxCallDays, all, timeZone);
    }

    /** With the corrections of {@code now} recorded by {@code asOf} (time travel: corrections are events apart). */
    BodyDocument withCorrectionsOf(BodyDocument now, Instant asOf) {
        List<Correction> then = now.corrections.stream().filter(k -> !k.recordedAt().isAfter(asOf)).toList();
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, meetings, proposals, maxCallDays, then, timeZone);
    }

    BodyDocument withMandate(String newMandate) {
        return new BodyDocument(id, position, name, kind, parentBodyId, newMandate, establishedAt, members, coChairs,
                                requests, meetings, proposals, maxCallDays, corrections, timeZone);
    }

    BodyDocument withMembers(UnaryOperator<List<Member>> change) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt,
                                change.apply(new ArrayList<>(members)), coChairs, requests, meetings, proposals,
                                maxCallDays, corrections, timeZone);
    }

    BodyDocument withCoChairs(UnaryOperator<List<String>> change) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members,
                                change.apply(new ArrayList<>(coChairs)), requests, meetings, proposals, maxCallDays,
                                corrections, timeZone);
    }

    BodyDocument withRequests(UnaryOperator<List<Request>> change) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                change.apply(new ArrayList<>(requests)), meetings, proposals, maxCallDays, corrections,
                                timeZone);
    }

    BodyDocument withMeeting(String meetingId, UnaryOperator<MeetingSummary> change) {
        List<MeetingSummary> changed = replace(meetings, m -> m.meetingId().equals(meetingId), change);
        return changed == meetings ? this : new BodyDocument(id, position, name, kind, parentBodyId, mandate,
                                                             establishedAt, members, coChairs, requests, changed,
                                                             proposals, maxCallDays, corrections, timeZone);
    }

    BodyDocument withMeetings(UnaryOperator<List<MeetingSummary>> change) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, change.apply(new ArrayList<>(meetings)), proposals, maxCallDays, corrections,
                                timeZone);
    }

    BodyDocument withProposal(String proposalId, UnaryOperator<ProposalSummary> change) {
        List<ProposalSummary> changed = replace(proposals, p -> p.proposalId().equals(proposalId), change);
        return changed == proposals ? this : new BodyDocument(id, position, name, kind, parentBodyId, mandate,
                                                              establishedAt, members, coChairs, requests, meetings,
                                                              changed, maxCallDays, corrections, timeZone);
    }

    BodyDocument withProposals(UnaryOperator<List<ProposalSummary>> change) {
        return new BodyDocument(id, position, name, kind, parentBodyId, mandate, establishedAt, members, coChairs,
                                requests, meetings, change.apply(new ArrayList<>(proposals)), maxCallDays, corrections,
                                timeZone);
    }

    /**
     * The list with its one item that matches changed, searched from the end, where the recent ones are; the same
     * list when no item matches or the change returns the item as it was (copying it would cost a whole list per
     * event that changes nothing here).
     */
    private static <T> List<T> replace(List<T> items, Predicate<T> which, UnaryOperator<T> change) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (which.test(items.get(i))) {
                T changedItem = change.apply(items.get(i));
                if (changedItem == items.get(i)) {
                    return items;
                }
                List<T> changed = new ArrayList<>(items);
                changed.set(i, changedItem);
                return changed;
            }
        }
        return items;
    }
}
