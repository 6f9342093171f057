package org.consensusledger.command.shared;

/** One event a command stored, as read back from the log: whose stream, where in it, and what it says. */
public record RecordedEvent(String aggregateId, long sequenceNumber, Object payload) {
}
