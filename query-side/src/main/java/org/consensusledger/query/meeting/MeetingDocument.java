package org.consensusledger.query.meeting;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A meeting's minutes ({@code public_meetings}): when it was held, its agenda, who attended (and every correction of
 * that), everything submitted, raised, addressed and decided in it, in log order, the checkpoint that seals it, and
 * the corrections of its own record. Each step says whose act it is and who recorded it ({@code recordedAs}, one of
 * {@link org.consensusledger.dossier.Recorders}' roles, for {@code actingFor}).
 */
public record MeetingDocument(@BsonId String id, long position, String bodyId, String title, Instant startsAt,
                              MeetingFormat format, String location, String status, String openedBy,
                              Instant openedAt, String closedBy, Instant closedAt, String closingCheckpoint,
                              String cancellationReason, List<Attendance> attendance, List<Item> items,
                              List<String> agenda, Seal seal, List<Correction> corrections, Entered opening,
                              Entered closing)
        implements Positioned<MeetingDocument> {

    /** Documents stored before this field existed read it as empty (replay to fill it). */
    public MeetingDocument {
        agenda = agenda == null ? List.of() : agenda;
        corrections = corrections == null ? List.of() : corrections;
    }


    /**
     * A member's attendance as first recorded ({@code mode}, at {@code sequenceNumber} of the meeting's stream), and
     * its corrections in order; the last one stands ({@code mode} null: not present after all).
     */
    public record Attendance(String organisationId, AttendanceMode mode, Instant occurredAt, long sequenceNumber,
                             String recordedAs, String actingFor, List<AttendanceChange> changes) {

        public Attendance {
            changes = changes == null ? List.of() : changes;
        }

        Attendance changed(AttendanceChange change) {
            List<AttendanceChange> all = new ArrayList<>(changes);
            all.add(change);
            return new Attendance(organisationId, mode, occurredAt, sequenceNumber, recordedAs, actingFor, all);
        }

        /** The mode that stands after the corrections; null if the member was not present after all. */
        public AttendanceMode currentMode() {
            return changes.isEmpty() ? mode : changes.get(changes.size() - 1).mode();
        }
    }

    /** A correction of an attendance: the mode it should have been (null: not present), why, and who recorded it. */
    public record AttendanceChange(AttendanceMode mode, String reason, Instant occurredAt, Instant recordedAt,
                                   long globalPosition, String recordedAs, String actingFor) {
    }

    /**
     * One step taken in the meeting: the proposal's event at {@code sequenceNumber} of its stream; {@code detail} is
     * its text (grounds, reasons, rationale...), {@code code} what it decided (a disposition or an appeal's
     * decision), {@code until} a consensus call's deadline; {@code organisationId} is the member whose act it is.
     */
    public record Item(long globalPosition, long sequenceNumber, String type, String proposalId,
                       String organisationId, String detail, String code, Instant until, Instant occurredAt,
                       Instant recordedAt, String recordedAs, String actingFor) {
    }

    /**
     * When the ledger recorded a meeting's opening or closing, and who recorded it ({@code recordedAs}, one of
     * {@link org.consensusledger.dossier.Recorders}' roles, for {@code actingFor}): the secretariat may record a
     * meeting after the fact, and the minutes say so beside the times it gives.
     */
    public record Entered(Instant recordedAt, String recordedAs, String actingFor) {

        /** Recorded more than {@link #AFTERWARDS} after it happened at {@code occurredAt}: entered afterwards. */
        public boolean afterwards(Instant occurredAt) {
            return occurredAt != null && recordedAt != null
                    && recordedAt.isAfter(occurredAt.plus(AFTERWARDS));
        }
    }

    /** How long after the fact a step is said to have been recorded afterwards, not live. */
    static final Duration AFTERWARDS = Duration.ofMinutes(5);

    /**
     * The signed checkpoint that seals the minutes: its tree holds {@code checkpointSize} events, the meeting's
     * closing (at {@code closingPosition}) among them; recorded at {@code globalPosition}.
     */
    public record Seal(long closingPosition, long checkpointSize, String checkpoint, long globalPosition,
                       Instant recordedAt) {
    }

    static MeetingDocument scheduled(String id, String bodyId, String title, Instant startsAt, MeetingFormat format,
                                     String location) {
        return new MeetingDocument(id, -1, bodyId, title, startsAt, format, location, "SCHEDULED", null, null, null,
                                   null, null, null, List.of(), List.of(), List.of(), null, List.of(), null, null);
    }

    @Override
    public MeetingDocument at(long newPosition) {
        return new MeetingDocument(id, newPosition, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   items, agenda, seal, corrections, opening, closing);
    }

    /** Opened by a co-chair ({@code by}; null: the secretariat) at {@code at}, recorded as {@code entered}. */
    MeetingDocument opened(String by, Instant at, Entered entered) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "OPEN", by, at, closedBy,
                                   closedAt, closingCheckpoint, cancellationReason, attendance, items, agenda, seal,
                                   corrections, entered, closing);
    }

    /** Closed, with the log's signed checkpoint current at that moment (null if none was signed yet). */
    MeetingDocument closed(String by, Instant at, String checkpoint, Entered entered) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "CLOSED", openedBy,
                                   openedAt, by, at, checkpoint, cancellationReason, attendance, items, agenda, seal,
                                   corrections, opening, entered);
    }

    MeetingDocument cancelled(String reason) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "CANCELLED", openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, reason, attendance, items, agenda,
                                   seal, corrections, opening, closing);
    }

    MeetingDocument attended(Attendance entry) {
        List<Attendance> all = new ArrayList<>(attendance);
        all.add(entry);
        return withAttendance(all);
    }

    /** The attendance of {@code organisationId} corrected; the same document if it has none. */
    MeetingDocument attendanceChanged(String organisationId, AttendanceChange change) {
        List<Attendance> all = new ArrayList<>(attendance);
        boolean found = false;
        for (int i = all.size() - 1; i >= 0 && !found; i--) {
            if (all.get(i).organisationId().equals(organisationId)) {
                all.set(i, all.get(i).changed(change));
                found = true;
            }
        }
        return found ? withAttendance(all) : this;
    }

    private MeetingDocument withAttendance(List<Attendance> all) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, all, items,
                                   agenda, seal, corrections, opening, closing);
    }

    MeetingDocument with(Item item) {
        List<Item> all = new ArrayList<>(items);
        all.add(item);
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   all, agenda, seal, corrections, opening, closing);
    }

    MeetingDocument withAgenda(List<String> proposalIds) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   items, List.copyOf(proposalIds), seal, corrections, opening, closing);
    }

    MeetingDocument sealed(Seal newSeal) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   items, agenda, newSeal, corrections, opening, closing);
    }

    MeetingDocument corrected(Correction correction) {
        List<Correction> all = new ArrayList<>(corrections);
        all.add(correction);
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   items, agenda, seal, all, opening, closing);
    }
}
