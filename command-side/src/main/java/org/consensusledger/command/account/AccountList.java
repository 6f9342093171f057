package org.consensusledger.command.account;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The accounts as the secretariat's console screen lists them, so that it can revoke one: never a token, nor its
 * hash.
 */
@Component
public final class AccountList {

    private final AccountStore accounts;

    AccountList(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** One account: a delegate's organisation, or none for the secretariat. */
    public record Listed(String accountId, boolean secretariat, String organisationId, String label,
                         Instant createdAt, Instant revokedAt) {

        public boolean revoked() {
            return revokedAt != null;
        }
    }

    /** Every account, the oldest first. */
    public List<Listed> all() {
        return accounts.all().stream()
                       .map(account -> new Listed(account.accountId(), account.kind() == AccountKind.SECRETARIAT,
                                                  account.organisationId(), account.label(), account.createdAt(),
                                                  account.revokedAt()))
                       .toList();
    }
}
