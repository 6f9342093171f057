package org.consensusledger.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The rate limits of both applications ({@code ledger.rate-limits.…}): each a bucket of {@code capacity} requests per
 * key (a client address or an account), refilled evenly over {@code window}. A limit left out, or a part of it, takes
 * its default; {@code enabled: false} turns every limit off. Each application uses its own: the command side the
 * failed authentications, sign-ins, commands and anonymous sessions; the query side the failed authentications on its
 * administration and the expensive queries.
 *
 * @param enabled                 whether requests are limited at all
 * @param trackedKeys             the most buckets a limit keeps (the least recently used go first); with each bucket
 *                                also dropped once a window has passed without use, a flood of addresses costs a
 *                                bounded amount of memory
 * @param failedAuthentication    wrong, unknown, revoked or expired tokens (API and console sign-in; the query
 *                                side's administration), per address
 * @param signIns                 successful console sign-ins, per account
 * @param commands                command submissions (POST, PUT, PATCH, DELETE on {@code /api/**}), per account
 * @param anonymousSessions       console sessions created before signing in (the sign-in form's), per address
 * @param maxAnonymousSessions    the most anonymous console sessions at once: beyond it the oldest is ended
 * @param expensiveQueries        the query side's queries that rebuild or export ({@code asOf}, search, exports), per
 *                                address
 */
@ConfigurationProperties("ledger.rate-limits")
public record RateLimits(@DefaultValue("true") boolean enabled,
                         @DefaultValue("100000") int trackedKeys,
                         Limit failedAuthentication,
                         Limit signIns,
                         Limit commands,
                         Limit anonymousSessions,
                         @DefaultValue("10000") int maxAnonymousSessions,
                         Limit expensiveQueries) {

    static final Limit FAILED_AUTHENTICATION = new Limit(20, Duration.ofMinutes(5));
    static final Limit SIGN_INS = new Limit(30, Duration.ofMinutes(10));
    static final Limit COMMANDS = new Limit(1200, Duration.ofMinutes(1));
    static final Limit ANONYMOUS_SESSIONS = new Limit(60, Duration.ofMinutes(1));
    static final Limit EXPENSIVE_QUERIES = new Limit(120, Duration.ofMinutes(1));

    public RateLimits {
        failedAuthentication = Limit.orDefault(failedAuthentication, FAILED_AUTHENTICATION, "failed-authentication");
        signIns = Limit.orDefault(signIns, SIGN_INS, "sign-ins");
        commands = Limit.orDefault(commands, COMMANDS, "commands");
        anonymousSessions = Limit.orDefault(anonymousSessions, ANONYMOUS_SESSIONS, "anonymous-sessions");
        expensiveQueries = Limit.orDefault(expensiveQueries, EXPENSIVE_QUERIES, "expensive-queries");
        if (trackedKeys < 1) {
            throw new IllegalArgumentException("ledger.rate-limits.tracked-keys must be at least 1");
        }
        if (maxAnonymousSessions < 1) {
            throw new IllegalArgumentException("ledger.rate-limits.max-anonymous-sessions must be at least 1");
        }
    }

    /** The defaults, for code that runs without Spring's configuration (tests). */
    public static RateLimits defaults() {
        return new RateLimits(true, 100_000, null, null, null, null, 10_000, null);
    }

    /** {@code capacity} requests per key, refilled evenly over {@code window}; a part left out takes the default. */
    public record Limit(Integer capacity, Duration window) {

        static Limit orDefault(Limit given, Limit defaults, String name) {
            Limit limit = given == null ? defaults
                    : new Limit(given.capacity == null ? defaults.capacity : given.capacity,
                                given.window == null ? defaults.window : given.window);
            if (limit.capacity < 1) {
                throw new IllegalArgumentException("ledger.rate-limits." + name + ".capacity must be at least 1");
            }
            if (limit.window.isNegative() || limit.window.isZero()) {
                throw new IllegalArgumentException("ledger.rate-limits." + name + ".window must be longer than 0");
            }
            return limit;
        }
    }
}
