package org.consensusledger.verifier;

import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.VerificationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The witnesses a reader trusts ({@code --witness <cosigner vkey>}, repeatable) and how many of them must have
 * cosigned the latest checkpoint ({@code --witnesses-required <k>}, default all): C2SP tlog-cosignature/v1 lines on
 * the checkpoint's note, each verified against the checkpoint's text. Lines of other keys are ignored; a line of a
 * trusted witness that does not verify fails the run, as does a quorum not met. A split view shown to this reader
 * would need k witnesses to have cosigned it.
 */
final class WitnessQuorum {

    /** No witness asked for: nothing to check. */
    static final WitnessQuorum NONE = new WitnessQuorum(List.of(), 0);

    private final List<Cosignature.Verifier> witnesses;
    private final int required;

    private WitnessQuorum(List<Cosignature.Verifier> witnesses, int required) {
        this.witnesses = witnesses;
        this.required = required;
    }

    /** The policy from the options: each key as text, or a file or URL holding it. */
    static WitnessQuorum of(List<String> vkeys, Integer required) throws UnusableInputException {
        List<Cosignature.Verifier> witnesses = new ArrayList<>();
        for (String vkey : vkeys) {
            String text = vkey;
            if (Source.isUrl(vkey) || Source.isReadableFile(vkey)) {
                text = new Source(vkey).readText();
            }
            try {
                witnesses.add(new Cosignature.Verifier(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new UnusableInputException("--witness " + vkey + " is not a witness's cosigner key "
                        + "(<name>+<hex8>+<base64(0x04 ‖ key)>): " + e.getMessage(), e);
            }
        }
        int k = required == null ? witnesses.size() : required;
        if (required != null && witnesses.isEmpty()) {
            throw new UnusableInputException("--witnesses-required needs at least one --witness");
        }
        if (k < 1 && !witnesses.isEmpty() || k > witnesses.size()) {
            throw new UnusableInputException("--witnesses-required must be from 1 to the number of --witness keys ("
                    + witnesses.size() + "), not " + k);
        }
        return new WitnessQuorum(List.copyOf(witnesses), k);
    }

    boolean isEmpty() {
        return witnesses.isEmpty();
    }

    /**
     * The trusted witnesses that cosigned the checkpoint and the newest of their times; a {@link LogMismatch} if
     * fewer than required did, or if a line of one of them does not verify.
     */
    Cosigned check(TrustedCheckpoint checkpoint) throws LogMismatch {
        if (witnesses.isEmpty()) {
            return new Cosigned(List.of(), OptionalLong.empty());
        }
        String which = checkpoint.description() + " (size " + checkpoint.size() + ")";
        if (checkpoint.signedNote() == null) {
            throw new LogMismatch(which + " carries no cosignature lines to check");
        }
        List<String> cosigned = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        OptionalLong newest = OptionalLong.empty();
        for (Cosignature.Verifier witness : witnesses) {
            OptionalLong time;
            try {
                time = witness.verify(checkpoint.signedNote());
            } catch (VerificationException | IllegalArgumentException e) {
                throw new LogMismatch(which + " carries a cosignature by the witness " + witness.key().name()
                        + " that does not verify: " + e.getMessage());
            }
            if (time.isEmpty()) {
                missing.add(witness.key().name());
                continue;
            }
            cosigned.add(witness.key().name() + " at " + Instant.ofEpochSecond(time.getAsLong()));
            if (newest.isEmpty() || time.getAsLong() > newest.getAsLong()) {
                newest = time;
            }
        }
        if (cosigned.size() < required) {
            throw new LogMismatch(which + " is cosigned by " + cosigned.size() + " of the " + required
                    + " witnesses required (of " + witnesses.size() + " trusted): no valid cosignature by "
                    + String.join(", ", missing) + "; a checkpoint the witnesses have not seen may be a view of the "
                    + "log shown to this reader only");
        }
        return new Cosigned(List.copyOf(cosigned), newest);
    }

    /** The witnesses that cosigned ("name at time"), and the newest trusted cosignature time, in POSIX seconds. */
    record Cosigned(List<String> witnesses, OptionalLong newestTime) {

        /** The newest time a trusted witness vouched for the checkpoint (for a freshness bound), if any did. */
        Optional<Instant> newestTrustedCosignatureTime() {
            return newestTime.isPresent() ? Optional.of(Instant.ofEpochSecond(newestTime.getAsLong()))
                    : Optional.empty();
        }

        /** What the verdict adds: empty when no witness was asked for. */
        String verdict() {
            if (witnesses.isEmpty()) {
                return "";
            }
            return "; cosigned by " + witnesses.size() + (witnesses.size() == 1 ? " trusted witness (" : " trusted "
                    + "witnesses (") + String.join(", ", witnesses) + ")";
        }
    }
}
