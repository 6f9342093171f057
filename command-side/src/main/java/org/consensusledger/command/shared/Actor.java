package org.consensusledger.command.shared;

/**
 * Who sends a command: an account, and the organisation it is a delegate of (none for the secretariat). Commands
 * carry it so that aggregates decide who may do what; the account also goes into every event's metadata
 * ({@code recordedBy}).
 */
public record Actor(String accountId, String organisationId, boolean secretariat) {

    public static Actor secretariat(String accountId) {
        return new Actor(accountId, null, true);
    }

    public static Actor delegateOf(String organisationId, String accountId) {
        return new Actor(accountId, organisationId, false);
    }

    /** Whether this account speaks for the organisation (its own delegate); the secretariat speaks for none. */
    public boolean actsFor(String organisation) {
        return !secretariat && organisationId != null && organisationId.equals(organisation);
    }
}
