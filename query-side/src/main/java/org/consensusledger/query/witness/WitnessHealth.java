package org.consensusledger.query.witness;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Witnessing, both ways, on the health's details ({@code witnesses}): this log's witnesses (the size each last
 * cosigned, and its latest refusal while it lasts), and the logs this ledger witnesses (the size it cosigned, and the
 * inconsistent checkpoints it refused: a split view). Always UP: a witness that is down does not make the ledger
 * unready, and a log that showed another history is the other log's fault; both are logged as errors when they
 * happen.
 */
@Component("witnesses")
class WitnessHealth implements HealthIndicator {

    private final Cosigning cosigning;
    private final WitnessedLogs witnessed;

    WitnessHealth(Cosigning cosigning, WitnessedLogs witnessed) {
        this.cosigning = cosigning;
        this.witnessed = witnessed;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        List<Map<String, Object>> witnesses = cosigning.witnesses().stream().map(witness -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("url", witness.url);
            detail.put("name", witness.verifier.key().name());
            detail.put("cosignedSize", witness.cosignedSize);
            detail.put("cosignedAt", String.valueOf(witness.cosignedAt));
            if (witness.refusal != null) {
                detail.put("refusal", witness.refusal);
                detail.put("refusedAt", String.valueOf(witness.refusedAt));
                detail.put("failures", witness.failures);
            }
            return detail;
        }).toList();
        health.withDetail("cosigners", witnesses);
        try {
            long splitViews = 0;
            List<Map<String, Object>> logs = new ArrayList<>();
            for (WitnessedLogs.Summary log : witnessed.summaries()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("origin", log.origin());
                detail.put("cosignedSize", log.size());
                detail.put("cosignedAt", String.valueOf(log.cosignedAt()));
                detail.put("inconsistentCheckpoints", log.inconsistencies());
                if (log.last() != null) {
                    detail.put("lastInconsistency", Map.of("at", String.valueOf(log.last().at()),
                                                           "reason", log.last().reason()));
                }
                splitViews += log.inconsistencies();
                logs.add(detail);
            }
            health.withDetail("witnessedLogs", logs).withDetail("splitViewsSeen", splitViews);
        } catch (RuntimeException e) {
            health.withDetail("witnessedLogsError", "The witnessed logs cannot be read: " + e.getMessage());
        }
        return health.build();
    }
}
