package org.consensusledger.query.witness;

import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Witnessing, both ways, as the public "Verify this record" page shows it: this log's witnesses (whether each has
 * cosigned the latest checkpoint, judged from the cosignatures that checkpoint carries, and what this instance last
 * heard from it) and the logs this ledger witnesses (how far it cosigned each, and the inconsistent checkpoints it
 * refused). No witness's address is shown: only its name and key, which a reader gives the verifier.
 */
@Component
public class WitnessingShown {

    private final Cosigning cosigning;
    private final Witness witness;
    private final WitnessedLogs witnessed;

    WitnessingShown(Cosigning cosigning, Witness witness, WitnessedLogs witnessed) {
        this.cosigning = cosigning;
        this.witness = witness;
        this.witnessed = witnessed;
    }

    /**
     * One of this log's witnesses.
     *
     * @param cosignedLatestAt when it cosigned the latest checkpoint, by the time in its cosignature; null if that
     *                         checkpoint carries no valid cosignature of it
     * @param lastCosignedSize the size of the checkpoint it last cosigned as this instance heard since it started, or
     *                         -1
     * @param refusal          its latest refusal in its own answer, while it lasts (null once it cosigns again)
     * @param unreachableAt    when it last could not be reached or gave no usable answer, while that lasts (the
     *                         reason, an exception's, is on the health, not on a public page)
     */
    public record Cosigner(String name, String vkey, Instant cosignedLatestAt, long lastCosignedSize,
                           Instant lastCosignedAt, String refusal, Instant refusedAt, Instant unreachableAt) {
    }

    /** A log this ledger witnesses: the size and time it last cosigned, and the inconsistent checkpoints refused. */
    public record Witnessed(String origin, long size, Instant cosignedAt, long inconsistencies) {
    }

    /** This log's witnesses, in the order configured, judged against {@code latestNote} (null: no checkpoint yet). */
    public List<Cosigner> cosigners(String latestNote) {
        SignedNote note = null;
        if (latestNote != null) {
            try {
                note = SignedNote.parse(latestNote);
            } catch (RuntimeException e) {
                note = null;
            }
        }
        SignedNote latest = note;
        return cosigning.witnesses().stream().map(status -> {
            Instant cosignedAt = null;
            if (latest != null) {
                try {
                    OptionalLong time = status.verifier.verify(latest);
                    cosignedAt = time.isPresent() ? Instant.ofEpochSecond(time.getAsLong()) : null;
                } catch (VerificationException | RuntimeException e) {
                    cosignedAt = null;
                }
            }
            String refusal = status.refusal;
            Instant refusedAt = status.refusedAt;
            boolean answered = refusal != null && (refusal.startsWith("it ") || refusal.startsWith("its "));
            return new Cosigner(status.verifier.key().name(), status.verifier.key().format(), cosignedAt,
                                status.cosignedSize, status.cosignedAt, answered ? refusal : null,
                                answered ? refusedAt : null, refusal != null && !answered ? refusedAt : null);
        }).toList();
    }

    /** The logs this ledger witnesses now, by origin. */
    public List<Witnessed> witnessed() {
        List<String> origins = witness.origins();
        if (origins.isEmpty()) {
            return List.of();
        }
        List<Witnessed> found = new java.util.ArrayList<>(origins.stream()
                .map(origin -> new Witnessed(origin, -1, null, 0)).toList());
        for (WitnessedLogs.Summary summary : witnessed.summaries()) {
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).origin().equals(summary.origin())) {
                    found.set(i, new Witnessed(summary.origin(), summary.size(), summary.cosignedAt(),
                                               summary.inconsistencies()));
                }
            }
        }
        found.sort(Comparator.comparing(Witnessed::origin));
        return found;
    }

    /** This ledger's cosigner key, as a witness of other logs; null when it witnesses none. */
    public String cosignerKey() {
        return witness.origins().isEmpty() ? null : witness.vkey();
    }
}
