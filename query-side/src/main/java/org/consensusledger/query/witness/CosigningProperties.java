package org.consensusledger.query.witness;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * This ledger's log and its witnesses ({@code ledger.audit.witnesses}, {@code ledger.audit.witness-timeout}): each new
 * checkpoint is sent to each of them (C2SP tlog-witness {@code add-checkpoint}), and their cosignatures are kept and
 * served with it. None by default: the ledger calls no one unless told to.
 *
 * @param witnesses      the witnesses, each with {@code url}, its submission prefix (the request goes to
 *                       {@code <url>/add-checkpoint}; for another ledger {@code https://<its host>/api/witness}), and
 *                       {@code vkey}, its cosigner verifier key ({@code <name>+<id>+<base64(0x04 ‖ key)>})
 * @param witnessTimeout how long to wait for a witness to connect, and then for its whole answer
 * @param witnessBackOff the longest wait before a witness that failed or refused is tried again (the wait starts at 1 s
 *                       or this if shorter, and doubles)
 */
@ConfigurationProperties("ledger.audit")
record CosigningProperties(List<Witness> witnesses, @DefaultValue("10s") Duration witnessTimeout,
                           @DefaultValue("5m") Duration witnessBackOff) {

    CosigningProperties {
        witnesses = witnesses == null ? List.of() : List.copyOf(witnesses);
    }

    /** One witness: where to send checkpoints, and the key of its cosignatures. */
    record Witness(String url, String vkey) {
    }
}
