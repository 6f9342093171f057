package org.consensusledger.query.witness;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.util.List;

/**
 * This ledger as a witness of other logs ({@code ledger.witness.*}, C2SP tlog-witness): it cosigns their checkpoints
 * at {@code POST /api/witness/add-checkpoint} as long as each extends the last one it cosigned for that log.
 *
 * @param logs    the logs it witnesses, each by its checkpoint verifier key (the key's name is the log's origin; a
 *                log given twice with two keys is accepted signed by either, as while its key is rotated); none by
 *                default, and then every submission is refused (404)
 * @param keyFile its cosigner key (an Ed25519 signer key, C2SP signed-note form), created on first use, owner-only;
 *                default: {@code witness-signing.key} beside the checkpoint signing key ({@code ledger.audit.key-file})
 * @param name    its cosigner name (the name in its cosignature lines); default: this ledger's origin
 */
@ConfigurationProperties("ledger.witness")
record WitnessProperties(List<WitnessedLog> logs, Path keyFile, String name) {

    WitnessProperties {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** One witnessed log: {@code vkey}, the verifier key of its checkpoints. */
    record WitnessedLog(String vkey) {
    }
}
