package org.consensusledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of every successful command response: the id of what the command created or changed, the aggregate it
 * belongs to, and that aggregate's version after the command (also the {@code ETag}); and, when the command stored
 * events, their receipt: the signed note ({@code docs/audit.md}, "Receipts") and, for reading without parsing it,
 * each event's global position and leaf hash as the note lists them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recorded(String id, String aggregateId, long version, String receipt, List<ReceiptEvent> events) {

    public Recorded(String id, String aggregateId, long version) {
        this(id, aggregateId, version, null, null);
    }

    public static Recorded of(String aggregateId, long version) {
        return new Recorded(aggregateId, aggregateId, version);
    }

    /** An event the receipt lists: its global position and its leaf hash (standard base64). */
    public record ReceiptEvent(long position, String leafHash) {
    }

    Recorded withReceipt(String note, List<ReceiptEvent> listed) {
        return new Recorded(id, aggregateId, version, note, List.copyOf(listed));
    }
}
