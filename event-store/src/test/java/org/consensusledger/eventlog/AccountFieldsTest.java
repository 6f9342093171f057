package org.consensusledger.eventlog;

import org.bson.Document;
import org.consensusledger.eventlog.AccountFields.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** The one decision both applications make of a token, at instants the test chooses. */
class AccountFieldsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String CURRENT = AccountFields.tokenHash("clt_current");
    private static final String OLD = AccountFields.tokenHash("clt_old");

    private static Document account(Instant expiresAt) {
        Document account = new Document(AccountFields.TOKEN_HASH, CURRENT).append(AccountFields.KIND, "DELEGATE");
        if (expiresAt != null) {
            account.append(AccountFields.TOKEN_EXPIRES_AT, Date.from(expiresAt));
        }
        return account;
    }

    @Test
    void theCurrentTokenWorksUntilItsExpiryAndNotAtIt() {
        Instant expiresAt = NOW.plus(Duration.ofDays(1));
        Document account = account(expiresAt);

        assertThat(AccountFields.check(account, CURRENT, NOW)).isEqualTo(
                new AccountFields.TokenCheck(Verdict.VALID, expiresAt));
        assertThat(AccountFields.check(account, CURRENT, expiresAt)).isEqualTo(
                new AccountFields.TokenCheck(Verdict.EXPIRED, expiresAt));
        assertThat(AccountFields.check(account, CURRENT, expiresAt.plusSeconds(1)).valid()).isFalse();
    }

    @Test
    void anAccountWithoutAnExpiryYetIsNotLockedOut() {
        assertThat(AccountFields.check(account(null), CURRENT, NOW).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aReplacedTokenWorksDuringItsGraceOnlyAndThenSaysItWasReplaced() {
        Instant graceEnds = NOW.plus(Duration.ofHours(24));
        Document account = account(NOW.plus(Duration.ofDays(90)))
                .append(AccountFields.PREVIOUS_TOKEN_HASH, OLD)
                .append(AccountFields.PREVIOUS_TOKEN_VALID_UNTIL, Date.from(graceEnds));

        assertThat(AccountFields.check(account, OLD, NOW).verdict()).isEqualTo(Verdict.VALID);
        assertThat(AccountFields.check(account, OLD, NOW).inChangeOver()).as("valid only as the replaced one").isTrue();
        assertThat(AccountFields.check(account, OLD, graceEnds)).isEqualTo(
                new AccountFields.TokenCheck(Verdict.REPLACED, graceEnds, true));
        assertThat(AccountFields.check(account, CURRENT, graceEnds).verdict()).isEqualTo(Verdict.VALID);
        assertThat(AccountFields.check(account, CURRENT, graceEnds).inChangeOver()).isFalse();
    }

    @Test
    void revocationStopsBothTokensAndAnUnknownHashIsUnknown() {
        Instant revokedAt = NOW.minusSeconds(60);
        Document account = account(NOW.plus(Duration.ofDays(90)))
                .append(AccountFields.PREVIOUS_TOKEN_HASH, OLD)
                .append(AccountFields.PREVIOUS_TOKEN_VALID_UNTIL, Date.from(NOW.plusSeconds(3600)))
                .append(AccountFields.REVOKED_AT, Date.from(revokedAt));

        assertThat(AccountFields.check(account, CURRENT, NOW)).isEqualTo(
                new AccountFields.TokenCheck(Verdict.REVOKED, revokedAt));
        assertThat(AccountFields.check(account, OLD, NOW).verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(AccountFields.check(account, AccountFields.tokenHash("clt_other"), NOW).verdict())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(AccountFields.check(null, CURRENT, NOW).verdict()).isEqualTo(Verdict.UNKNOWN);
    }
}
