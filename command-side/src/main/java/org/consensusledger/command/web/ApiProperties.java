package org.consensusledger.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Tunables of the command API ({@code ledger.api.*}).
 *
 * @param maxRequestSize       the largest request body accepted; larger ones get 413 before anything is read
 * @param idempotencyKeyTtl    how long an {@code Idempotency-Key} is kept after its answer (and an interrupted
 *                             request's key after it was claimed): within it, a retry gets the first answer; after
 *                             it, the key is a new request's ({@link IdempotencyStore})
 */
@ConfigurationProperties("ledger.api")
record ApiProperties(@DefaultValue("512KB") DataSize maxRequestSize,
                     @DefaultValue("PT24H") Duration idempotencyKeyTtl) {

    ApiProperties {
        if (idempotencyKeyTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ledger.api.idempotency-key-ttl must be at least one second (an ISO "
                    + "duration such as PT24H), not " + idempotencyKeyTtl);
        }
    }
}
