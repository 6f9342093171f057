package org.consensusledger.query.audit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of this instance's checkpoint signing ({@code checkpointSigning}): DOWN, with the reason, once its key has
 * been retired by an announcement stored by another instance (docs/audit.md, Key rotation), after which it signs no
 * more checkpoints until it is restarted with the log's current key.
 */
@Component("checkpointSigning")
class SigningKeyHealth implements HealthIndicator {

    private final Checkpoints checkpoints;

    SigningKeyHealth(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public Health health() {
        return checkpoints.retirement().map(reason -> Health.down().withDetail("reason", reason).build())
                          .orElseGet(() -> Health.up().build());
    }
}
