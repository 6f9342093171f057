package org.consensusledger.command.account;

import org.consensusledger.command.shared.Actor;

import java.time.Instant;

/** An account as the ledger keeps it: never its token, only the token's SHA-256. */
record Account(String accountId, AccountKind kind, String organisationId, String label, Instant createdAt,
               String createdBy, Instant revokedAt) {

    Actor actor() {
        return kind == AccountKind.SECRETARIAT ? Actor.secretariat(accountId)
                                               : Actor.delegateOf(organisationId, accountId);
    }

    boolean revoked() {
        return revokedAt != null;
    }
}
