package org.consensusledger.command.account;

import org.consensusledger.command.shared.Actor;

import java.time.Instant;

/**
 * An account as the ledger keeps it: never its token, only the token's SHA-256; and when that token stops working
 * ({@code tokenExpiresAt}; null only on an account made before tokens expired, until the command side starts).
 */
record Account(String accountId, AccountKind kind, String organisationId, String label, Instant createdAt,
               String createdBy, Instant revokedAt, Instant tokenExpiresAt) {

    Actor actor() {
        return kind == AccountKind.SECRETARIAT ? Actor.secretariat(accountId)
                                               : Actor.delegateOf(organisationId, accountId);
    }

    boolean revoked() {
        return revokedAt != null;
    }

    /** Whether its current token has expired at {@code now}. */
    boolean expired(Instant now) {
        return tokenExpiresAt != null && !now.isBefore(tokenExpiresAt);
    }
}
