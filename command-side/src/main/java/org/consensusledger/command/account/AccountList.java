package org.consensusledger.command.account;

import org.consensusledger.command.shared.LedgerTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The accounts as the secretariat's console screen lists them, so that it can renew or revoke one's token: never a
 * token, nor its hash.
 */
@Component
public final class AccountList {

    private final AccountStore accounts;

    AccountList(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** One account: a delegate's organisation, or none for the secretariat; when its token stops working. */
    public record Listed(String accountId, boolean secretariat, String organisationId, String label,
                         Instant createdAt, Instant revokedAt, Instant tokenExpiresAt) {

        public boolean revoked() {
            return revokedAt != null;
        }

        /** Whether its token has expired: only a renewal (a new token) lets it in again. */
        public boolean expired() {
            return tokenExpiresAt != null && !LedgerTime.now().isBefore(tokenExpiresAt);
        }
    }

    /** Every account, the oldest first. */
    public List<Listed> all() {
        return accounts.all().stream()
                       .map(account -> new Listed(account.accountId(), account.kind() == AccountKind.SECRETARIAT,
                                                  account.organisationId(), account.label(), account.createdAt(),
                                                  account.revokedAt(), account.tokenExpiresAt()))
                       .toList();
    }
}
