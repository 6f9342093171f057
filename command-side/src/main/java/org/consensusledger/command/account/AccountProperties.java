package org.consensusledger.command.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long account tokens live ({@code ledger.accounts.*}).
 *
 * @param tokenLifetime  how long a token works after it is issued (on creation or rotation); ISO-8601, e.g. P90D
 * @param rotationGrace  how long a replaced token keeps working beside its successor: long enough to hand the new
 *                       token over and change every client that uses it, short enough that a leaked token replaced
 *                       for that reason soon stops working
 * @param firstTokenFile where the token of a secretariat account created at start (none usable) is written, readable
 *                       by its owner only; the log says where, never the token
 */
@ConfigurationProperties("ledger.accounts")
record AccountProperties(@DefaultValue("P90D") Duration tokenLifetime,
                         @DefaultValue("PT24H") Duration rotationGrace,
                         @DefaultValue("first-secretariat-token") Path firstTokenFile) {

    AccountProperties {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("ledger.accounts.token-lifetime must be positive, e.g. P90D");
        }
        if (rotationGrace.isNegative()) {
            throw new IllegalArgumentException("ledger.accounts.rotation-grace must not be negative, e.g. PT24H");
        }
    }

    /** The defaults, for a store made outside Spring (tests). */
    static AccountProperties defaults() {
        return new AccountProperties(Duration.ofDays(90), Duration.ofHours(24), Path.of("first-secretariat-token"));
    }
}
