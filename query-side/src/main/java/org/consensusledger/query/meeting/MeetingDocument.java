package org.consensusledger.query.meeting;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.eventlog.Positioned;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A meeting's minutes ({@code public_meetings}): when it was held, who attended, and everything submitted, raised,
 * addressed and decided in it, in log order.
 */
public record MeetingDocument(@BsonId String id, long position, String bodyId, String title, Instant startsAt,
                              MeetingFormat format, String location, String status, String openedBy,
                              Instant openedAt, String closedBy, Instant closedAt, String closingCheckpoint,
                              String cancellationReason, List<Attendance> attendance, List<Item> items)
        implements Positioned<MeetingDocument> {

    public record Attendance(String organisationId, AttendanceMode mode, Instant occurredAt) {
    }

    /** One step taken in the meeting: {@code detail} is its text (grounds, reasons, rationale...). */
    public record Item(long globalPosition, String type, String proposalId, String organisationId, String detail,
                       Instant occurredAt, Instant recordedAt) {
    }

    @Override
    public MeetingDocument at(long newPosition) {
        return new MeetingDocument(id, newPosition, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   items);
    }

    MeetingDocument opened(String by, Instant at) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "OPEN", by, at, closedBy,
                                   closedAt, closingCheckpoint, cancellationReason, attendance, items);
    }

    /** Closed, with the log's signed checkpoint current at that moment (null if none was signed yet). */
    MeetingDocument closed(String by, Instant at, String checkpoint) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "CLOSED", openedBy,
                                   openedAt, by, at, checkpoint, cancellationReason, attendance, items);
    }

    MeetingDocument cancelled(String reason) {
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, "CANCELLED", openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, reason, attendance, items);
    }

    MeetingDocument attended(Attendance entry) {
        List<Attendance> all = new ArrayList<>(attendance);
        all.add(entry);
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, all, items);
    }

    MeetingDocument with(Item item) {
        List<Item> all = new ArrayList<>(items);
        all.add(item);
        return new MeetingDocument(id, position, bodyId, title, startsAt, format, location, status, openedBy,
                                   openedAt, closedBy, closedAt, closingCheckpoint, cancellationReason, attendance,
                                   all);
    }
}
