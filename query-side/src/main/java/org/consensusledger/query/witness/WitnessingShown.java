package org.consensusledger.query.witness;

import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Witnessing, both ways, as the public "Verify this record" page shows it: this log's witnesses (whether each has
 * cosigned the latest checkpoint, judged from the cosignatures that checkpoint carries, and what this instance last
 * heard from it) and the logs this ledger witnesses (how far it cosigned each, and the inconsistent checkpoints it
 * refused). No witness's address and none of its own words are shown: its name and key, which a reader gives the
 * verifier, and what kind of answer it gave (the answer itself is on the health and in the log).
 */
@Component
public class WitnessingShown {

    private static final Logger LOGGER = LoggerFactory.getLogger(WitnessingShown.class);

    private final Cosigning cosigning;
    private final Witness witness;
    private final WitnessedLogs witnessed;

    WitnessingShown(Cosigning cosigning, Witness witness, WitnessedLogs witnessed) {
        this.cosigning = cosigning;
        this.witness = witness;
        this.witnessed = witnessed;
    }

    /** How one of this log's witnesses stands with the latest checkpoint. */
    public enum Standing {
        /** It cosigned it ({@link Cosigner#at}: the time in its cosignature). */
        COSIGNED,
        /** It refused the checkpoint it was last sent, in a 4xx answer ({@link Cosigner#status}). */
        REFUSED,
        /** It says it cosigned a larger checkpoint of this log than this log's latest. */
        SAW_LARGER,
        /** It could not be reached, or gave no usable answer, when last sent one. */
        UNREACHABLE,
        /** Not yet cosigned, nothing wrong heard ({@link Cosigner#lastCosignedSize}: what it last cosigned, or -1). */
        PENDING
    }

    /**
     * One of this log's witnesses.
     *
     * @param at               when it cosigned the latest checkpoint (COSIGNED), or was last refused or unreachable
     * @param status           the HTTP status of a refusal (REFUSED), else 0
     * @param lastCosignedSize the size it last cosigned as this instance heard since it started, or -1
     */
    public record Cosigner(String name, String vkey, Standing standing, Instant at, int status,
                           long lastCosignedSize, Instant lastCosignedAt) {
    }

    /**
     * A log this ledger witnesses: the size and time it last cosigned ({@code size} -1: nothing yet), the inconsistent
     * checkpoints it refused; {@code readable} false when its record could not be read just now.
     */
    public record Witnessed(String origin, long size, Instant cosignedAt, long inconsistencies, boolean readable) {
    }

    /** This log's witnesses, in the order configured, judged against {@code latestNote} (null: no checkpoint yet). */
    public List<Cosigner> cosigners(String latestNote) {
        SignedNote latest = null;
        if (latestNote != null) {
            try {
                latest = SignedNote.parse(latestNote);
            } catch (RuntimeException e) {
                latest = null;
            }
        }
        List<Cosigner> shown = new ArrayList<>();
        for (CosignerStatus status : cosigning.witnesses()) {
            String vkey = status.verifier.key().format();
            if (shown.stream().anyMatch(earlier -> earlier.vkey().equals(vkey))) {
                continue; // configured twice: one witness
            }
            shown.add(cosigner(status, vkey, latest));
        }
        return shown;
    }

    private static Cosigner cosigner(CosignerStatus status, String vkey, SignedNote latest) {
        String name = status.verifier.key().name();
        long lastSize = status.cosignedSize;
        Instant lastAt = status.cosignedAt;
        if (latest != null) {
            try {
                OptionalLong time = status.verifier.verify(latest);
                if (time.isPresent()) {
                    return new Cosigner(name, vkey, Standing.COSIGNED, Instant.ofEpochSecond(time.getAsLong()), 0,
                                        lastSize, lastAt);
                }
            } catch (VerificationException | RuntimeException e) {
                // a line of its name that does not verify: not cosigned
            }
        }
        String refusal = status.refusal;
        CosignerStatus.Refusal kind = status.refusalKind;
        Instant refusedAt = status.refusedAt;
        if (refusal == null || kind == null || kind == CosignerStatus.Refusal.LOCAL) {
            return new Cosigner(name, vkey, Standing.PENDING, null, 0, lastSize, lastAt);
        }
        return switch (kind) {
            case REFUSED -> new Cosigner(name, vkey, Standing.REFUSED, refusedAt, status.refusalStatus, lastSize,
                                         lastAt);
            case LARGER -> new Cosigner(name, vkey, Standing.SAW_LARGER, refusedAt, 0, lastSize, lastAt);
            default -> new Cosigner(name, vkey, Standing.UNREACHABLE, refusedAt, 0, lastSize, lastAt);
        };
    }

    /** The logs this ledger witnesses now, by origin. */
    public List<Witnessed> witnessed() {
        List<String> origins = witness.origins();
        if (origins.isEmpty()) {
            return List.of();
        }
        List<WitnessedLogs.Summary> summaries;
        try {
            summaries = witnessed.summaries();
        } catch (RuntimeException e) {
            LOGGER.warn("The logs this ledger witnesses cannot be read for the verify page: {}", e.toString());
            return origins.stream().sorted().map(origin -> new Witnessed(origin, -1, null, 0, false)).toList();
        }
        List<Witnessed> found = new ArrayList<>();
        for (String origin : origins) {
            Witnessed shown = new Witnessed(origin, -1, null, 0, true);
            for (WitnessedLogs.Summary summary : summaries) {
                if (summary.origin().equals(origin)) {
                    // A record with no cosignature time holds no cosignature (only refusals).
                    shown = new Witnessed(origin, summary.cosignedAt() == null ? -1 : summary.size(),
                                          summary.cosignedAt(), summary.inconsistencies(), true);
                }
            }
            found.add(shown);
        }
        found.sort(Comparator.comparing(Witnessed::origin));
        return found;
    }

    /** This ledger's cosigner key, as a witness of other logs; null when it witnesses none. */
    public String cosignerKey() {
        return witness.origins().isEmpty() ? null : witness.vkey();
    }
}
