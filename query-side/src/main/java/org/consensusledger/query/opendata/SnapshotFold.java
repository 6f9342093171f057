package org.consensusledger.query.opendata;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.events.MetadataKeys;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.query.opendata.Snapshot.Body;
import org.consensusledger.query.opendata.Snapshot.Meeting;
import org.consensusledger.query.opendata.Snapshot.Membership;
import org.consensusledger.query.opendata.Snapshot.Organisation;
import org.consensusledger.query.opendata.Snapshot.Withdrawal;
import org.consensusledger.query.projection.StoredEvents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public record folded event by event, in log order: organisations, bodies, memberships and co-chairs' terms
 * (each with its start and end), meetings, and each proposal's dossier by the same fold as the published dossiers
 * ({@link DossierFold}). Not thread-safe: each fold is used by one thread at a time ({@link Exports}), which takes
 * {@link Snapshot} copies of it. A fold can resume from a snapshot ({@link #from}): a snapshot holds everything a fold
 * does, and what it holds is never changed (records, immutable lists, dossiers that the dossier fold copies before it
 * changes them), so a fold resumed from one snapshot shares its rows and leaves it as it is.
 */
final class SnapshotFold {

    private final Map<String, Organisation> organisations = new LinkedHashMap<>();
    private final Map<String, Body> bodies = new LinkedHashMap<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final Map<String, Meeting> meetings = new LinkedHashMap<>();
    private final Map<String, DossierDocument> dossiers = new LinkedHashMap<>();
    private final List<Withdrawal> withdrawals = new ArrayList<>();
    /** Positions folded: 0 to {@code size - 1}. */
    private long size;

    /** A fold that resumes where {@code snapshot} was made: folding the events after it gives what folding from 0 does. */
    static SnapshotFold from(Snapshot snapshot) {
        SnapshotFold fold = new SnapshotFold();
        snapshot.organisations().forEach(o -> fold.organisations.put(o.id(), o));
        snapshot.bodies().forEach(b -> fold.bodies.put(b.id(), b));
        fold.memberships.addAll(snapshot.memberships());
        snapshot.meetings().forEach(m -> fold.meetings.put(m.id(), m));
        snapshot.dossiers().forEach(d -> fold.dossiers.put(d.id(), d));
        fold.withdrawals.addAll(snapshot.withdrawals());
        fold.size = snapshot.stamp().treeSize();
        return fold;
    }

    long size() {
        return size;
    }

    void fold(StoredEvents.Stored stored) {
        Object event = stored.payload();
        if (event instanceof OrganisationRegistered registered) {
            organisations.put(registered.organisationId(), new Organisation(
                    registered.organisationId(), registered.name(), registered.stakeholderGroup(),
                    registered.country(), stored.recordedAt()));
        } else if (event instanceof BodyEstablished established) {
            bodies.put(established.bodyId(), new Body(established.bodyId(), established.name(), established.kind(),
                                                      established.parentBodyId(), established.mandate(),
                                                      stored.recordedAt()));
        } else if (event instanceof MandateAmended amended) {
            bodies.computeIfPresent(amended.bodyId(), (id, body) -> new Body(
                    id, body.name(), body.kind(), body.parentBodyId(), amended.mandate(), body.establishedAt()));
        } else if (event instanceof MemberAdmitted admitted) {
            Organisation organisation = organisations.get(admitted.organisationId());
            memberships.add(new Membership(admitted.bodyId(), admitted.organisationId(), Membership.MEMBER,
                                           admitted.stakeholderGroup() != null ? admitted.stakeholderGroup()
                                                   : organisation == null ? null : organisation.stakeholderGroup(),
                                           admitted.path(), stored.recordedAt(), null, null));
        } else if (event instanceof MemberWithdrawn withdrawn) {
            end(withdrawn.bodyId(), withdrawn.organisationId(), Membership.MEMBER, stored, withdrawn.reason());
        } else if (event instanceof CoChairAppointed appointed) {
            Organisation organisation = organisations.get(appointed.organisationId());
            memberships.add(new Membership(appointed.bodyId(), appointed.organisationId(), Membership.CO_CHAIR,
                                           organisation == null ? null : organisation.stakeholderGroup(), null,
                                           stored.recordedAt(), null, null));
        } else if (event instanceof CoChairRelieved relieved) {
            end(relieved.bodyId(), relieved.organisationId(), Membership.CO_CHAIR, stored, relieved.reason());
        } else if (event instanceof MeetingScheduled scheduled) {
            meetings.put(scheduled.meetingId(), new Meeting(
                    scheduled.meetingId(), scheduled.bodyId(), scheduled.title(), scheduled.startsAt(),
                    scheduled.format(), scheduled.location(), "scheduled", null, null, null, null, null,
                    stored.globalPosition()));
        } else if (event instanceof MeetingOpened opened) {
            meetings.computeIfPresent(opened.meetingId(), (id, m) -> new Meeting(
                    id, m.bodyId(), m.title(), m.startsAt(), m.format(), m.location(), "open", opened.occurredAt(),
                    null, null, null, null, stored.globalPosition()));
        } else if (event instanceof MeetingClosed closed) {
            meetings.computeIfPresent(closed.meetingId(), (id, m) -> new Meeting(
                    id, m.bodyId(), m.title(), m.startsAt(), m.format(), m.location(), "closed", m.openedAt(),
                    closed.occurredAt(), null, null, m.sealingCheckpoint(), stored.globalPosition()));
        } else if (event instanceof MinutesSealed sealed) {
            meetings.computeIfPresent(sealed.meetingId(), (id, m) -> new Meeting(
                    id, m.bodyId(), m.title(), m.startsAt(), m.format(), m.location(), m.status(), m.openedAt(),
                    m.closedAt(), m.cancelledAt(), m.cancelReason(), sealed.checkpoint(), stored.globalPosition()));
        } else if (event instanceof MeetingCancelled cancelled) {
            meetings.computeIfPresent(cancelled.meetingId(), (id, m) -> new Meeting(
                    id, m.bodyId(), m.title(), m.startsAt(), m.format(), m.location(), "cancelled", m.openedAt(),
                    m.closedAt(), stored.recordedAt(), cancelled.reason(), null, stored.globalPosition()));
        } else if (event instanceof ProposalEvent proposal) {
            if (proposal instanceof ProposalWithdrawn withdrawn) {
                withdrawals.add(new Withdrawal(withdrawn.proposalId(), withdrawn.withdrawnBy(), withdrawn.reason(),
                                               withdrawn.meetingId(), withdrawn.occurredAt(), stored.recordedAt(),
                                               stored.globalPosition()));
            }
            DossierDocument before = dossiers.get(proposal.proposalId());
            if (before != null || proposal instanceof org.consensusledger.events.proposal.ProposalSubmitted) {
                DossierDocument.Step step = DossierFold.step(
                        proposal, stored.globalPosition(), stored.sequenceNumber(), stored.recordedAt(),
                        stored.metaData(MetadataKeys.RECORDED_AS), stored.metaData(MetadataKeys.ACTING_FOR),
                        stored.eventId());
                dossiers.put(proposal.proposalId(),
                             DossierFold.evolve(before, proposal, step, null).at(stored.globalPosition()));
            }
        }
        size = stored.globalPosition() + 1;
    }

    /** Marks the folded part of the log as reaching {@code newSize} (positions that hold nothing public). */
    void reached(long newSize) {
        size = Math.max(size, newSize);
    }

    private void end(String bodyId, String organisationId, String role, StoredEvents.Stored stored, String reason) {
        for (int i = memberships.size() - 1; i >= 0; i--) {
            Membership m = memberships.get(i);
            if (m.bodyId().equals(bodyId) && m.organisationId().equals(organisationId) && m.role().equals(role)
                    && m.endedAt() == null) {
                memberships.set(i, new Membership(bodyId, organisationId, role, m.stakeholderGroup(), m.admission(),
                                                  m.startedAt(), stored.recordedAt(), reason));
                return;
            }
        }
    }

    Snapshot snapshot(Snapshot.Stamp stamp) {
        return new Snapshot(stamp, List.copyOf(organisations.values()), List.copyOf(bodies.values()),
                            List.copyOf(memberships), List.copyOf(meetings.values()), List.copyOf(dossiers.values()),
                            List.copyOf(withdrawals));
    }
}
