package org.consensusledger.command.web;

/**
 * The body of every successful command response: the id of what the command created or changed, the aggregate it
 * belongs to, and that aggregate's version after the command (also the {@code ETag}).
 */
public record Recorded(String id, String aggregateId, long version) {

    public static Recorded of(String aggregateId, long version) {
        return new Recorded(aggregateId, aggregateId, version);
    }
}
