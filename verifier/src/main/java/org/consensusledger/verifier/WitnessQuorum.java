package org.consensusledger.verifier;

import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.SignedNote;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The witnesses a reader trusts ({@code --witness <cosigner vkey>}, repeatable) and how many of them must have
 * cosigned the latest checkpoint ({@code --witnesses-required <k>}, default all): C2SP tlog-cosignature/v1 lines on
 * the checkpoint's note, each verified against the checkpoint's text. Lines of other keys are ignored; a line of a
 * trusted witness that does not verify fails the run, as does a quorum not met; a line timed more than the clock skew
 * in the future is not counted. A split view shown to this reader would need k witnesses to have cosigned it, and the
 * time that counts for freshness is the k-th newest trusted cosignature's, so one witness alone cannot make a stale
 * checkpoint look fresh.
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

    /**
     * The policy from the options: each key as text, or a file or an https URL holding it. A plain http URL is
     * refused (anyone on the path could hand over another key), and so is a key given twice or one public key given
     * under two names (an Ed25519 cosignature does not commit to the name: one witness would count twice).
     */
    static WitnessQuorum of(List<String> vkeys, Integer required) throws UnusableInputException {
        List<Cosignature.Verifier> witnesses = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String vkey : vkeys) {
            if (vkey.strip().toLowerCase(Locale.ROOT).startsWith("http://")) {
                throw new UnusableInputException("--witness " + vkey + ": a witness's key is not read over plain "
                        + "http (anyone on the way could hand over another key); give it as text, a file, or an "
                        + "https URL");
            }
            String text = vkey;
            if (Source.isUrl(vkey) || Source.isReadableFile(vkey)) {
                text = new Source(vkey).readText();
            }
            Cosignature.Verifier verifier;
            try {
                verifier = new Cosignature.Verifier(text.strip());
            } catch (IllegalArgumentException e) {
                throw new UnusableInputException("--witness " + vkey + " is not a witness's cosigner key "
                        + "(<name>+<hex8>+<base64(0x04 ‖ key)>): " + e.getMessage(), e);
            }
            for (int i = 0; i < witnesses.size(); i++) {
                Cosignature.CosignerKey earlier = witnesses.get(i).key();
                if (Arrays.equals(earlier.publicKey(), verifier.key().publicKey())) {
                    throw new UnusableInputException(earlier.name().equals(verifier.key().name())
                            ? "--witness " + vkey + " is given twice (as " + given.get(i) + "): each witness counts "
                                    + "once toward --witnesses-required; give each key once"
                            : "--witness " + vkey + " and --witness " + given.get(i) + " are one public key under "
                                    + "two names; a cosignature does not commit to the name, so one witness would "
                                    + "count twice toward --witnesses-required; give each witness once");
                }
            }
            witnesses.add(verifier);
            given.add(vkey);
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
     * The trusted witnesses that cosigned the checkpoint and the k-th newest of their times (k = required), so that
     * no fewer than k witnesses vouch for the time that counts for freshness; a {@link LogMismatch} if fewer than
     * required did, or if a line of one of them does not verify. A cosignature timed more than {@link Freshness#SKEW}
     * after {@code now} is not counted (its witness's clock is wrong, or it lies): it is named in the verdict.
     */
    Cosigned check(TrustedCheckpoint checkpoint, Instant now) throws LogMismatch {
        if (witnesses.isEmpty()) {
            return new Cosigned(List.of(), OptionalLong.empty(), List.of());
        }
        String which = checkpoint.description() + " (size " + checkpoint.size() + ")";
        if (checkpoint.signedNote() == null) {
            throw new LogMismatch(which + " carries no cosignature lines to check");
        }
        SignedNote note = checkpoint.signedNote();
        long latestAccepted = now.plus(Freshness.SKEW).getEpochSecond();
        List<String> cosigned = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> ahead = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (Cosignature.Verifier witness : witnesses) {
            OptionalLong time = OptionalLong.empty();
            long future = -1;
            for (SignedNote.Signature line : note.signatures()) {
                if (!witness.isOf(line)) {
                    continue;
                }
                byte[] bytes = line.signature();
                long stamp = bytes.length == Cosignature.SIZE ? ByteBuffer.wrap(bytes).getLong() : -1;
                if (stamp > latestAccepted) {
                    future = stamp;
                    continue;
                }
                if (stamp < 0 || !witness.verify(note.text(), line)) {
                    throw new LogMismatch(which + " carries a cosignature by the witness " + witness.key().name()
                            + " that does not verify");
                }
                if (time.isEmpty() || stamp > time.getAsLong()) {
                    time = OptionalLong.of(stamp);
                }
            }
            if (time.isPresent()) {
                cosigned.add(witness.key().name() + " at " + Instant.ofEpochSecond(time.getAsLong()));
                times.add(time.getAsLong());
            } else if (future >= 0) {
                ahead.add(witness.key().name() + " (timed " + (future > Cosignature.MAX_TIMESTAMP ? future + " s"
                        : Instant.ofEpochSecond(future).toString()) + ", more than " + Freshness.describe(Freshness.SKEW)
                        + " after this machine's clock)");
                missing.add(witness.key().name());
            } else {
                missing.add(witness.key().name());
            }
        }
        if (cosigned.size() < required) {
            throw new LogMismatch(which + " is cosigned by " + cosigned.size() + " of the " + required
                    + " witnesses required (of " + witnesses.size() + " trusted): no valid cosignature by "
                    + String.join(", ", missing) + (ahead.isEmpty() ? "" : "; not counted, timed in the future: "
                    + String.join(", ", ahead)) + "; a checkpoint the witnesses have not seen may be a view of the "
                    + "log shown to this reader only");
        }
        times.sort(Comparator.reverseOrder());
        return new Cosigned(List.copyOf(cosigned), OptionalLong.of(times.get(required - 1)), List.copyOf(ahead));
    }

    /**
     * The witnesses that cosigned ("name at time"), the k-th newest of their times (k = required), in POSIX seconds,
     * and the trusted cosignatures not counted because they are timed in the future.
     */
    record Cosigned(List<String> witnesses, OptionalLong quorumTime, List<String> ahead) {

        /** The newest time k trusted witnesses all vouched for (for a freshness bound), if any witness was asked for. */
        Optional<Instant> quorumCosignatureTime() {
            return quorumTime.isPresent() ? Optional.of(Instant.ofEpochSecond(quorumTime.getAsLong()))
                    : Optional.empty();
        }

        /** What the verdict adds: empty when no witness was asked for. */
        String verdict() {
            if (witnesses.isEmpty()) {
                return "";
            }
            return "; cosigned by " + witnesses.size() + (witnesses.size() == 1 ? " trusted witness (" : " trusted "
                    + "witnesses (") + String.join(", ", witnesses) + ")" + (ahead.isEmpty() ? ""
                    : "; not counted as cosigned, timed in the future: " + String.join(", ", ahead));
        }
    }
}
