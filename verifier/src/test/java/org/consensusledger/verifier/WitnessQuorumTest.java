package org.consensusledger.verifier;

import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --witness} and {@code --witnesses-required}: the latest checkpoint must carry valid cosignatures of k of the
 * trusted witnesses; the verdict names them, a failure names who is missing.
 */
class WitnessQuorumTest {

    private static final int SIZE = 50;
    private static final long TIME = 1_767_225_600L;
    private static SyntheticLog log;
    private static final Cosignature.Signer ALICE = new Cosignature.Signer(KeyText.generate("alice.example/witness"));
    private static final Cosignature.Signer BOB = new Cosignature.Signer(KeyText.generate("bob.example/witness"));
    private static final Cosignature.Signer CAROL = new Cosignature.Signer(KeyText.generate("carol.example/witness"));

    @TempDir
    Path dir;

    @BeforeAll
    static void aLog() {
        log = SyntheticLog.generate(SIZE);
    }

    /** The latest checkpoint with the cosignatures of these witnesses appended. */
    private static String cosigned(Cosignature.Signer... witnesses) {
        String note = log.checkpoint(SIZE);
        String text = SignedNote.parse(note).text();
        StringBuilder cosigned = new StringBuilder(note);
        for (int i = 0; i < witnesses.length; i++) {
            cosigned.append(witnesses[i].sign(text, TIME + i).line());
        }
        return cosigned.toString();
    }

    private Run verify(String checkpoint, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "--events", SyntheticLog.write(dir.resolve("events.ndjson"), log.lines()).toString(),
                "--checkpoint", SyntheticLog.write(dir.resolve("checkpoint.txt"), checkpoint).toString(),
                "--vkey", log.vkey(), "--quiet"));
        args.addAll(List.of(options));
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void kOfNCosignaturesVerifyAndAreNamedInTheVerdict() {
        Run run = verify(cosigned(ALICE, BOB), "--witness", ALICE.key().format(), "--witness", BOB.key().format(),
                         "--witness", CAROL.key().format(), "--witnesses-required", "2");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("VERIFIED " + SIZE + " events")
                             .contains("; cosigned by 2 trusted witnesses (alice.example/witness at "
                                               + "2026-01-01T00:00:00Z, bob.example/witness at 2026-01-01T00:00:01Z)");
    }

    @Test
    void byDefaultEveryWitnessGivenIsRequiredAndTheMissingOnesAreNamed() {
        Run run = verify(cosigned(ALICE), "--witness", ALICE.key().format(), "--witness", BOB.key().format());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the latest checkpoint (size " + SIZE + ") is cosigned by 1 of the 2 "
                                                 + "witnesses required (of 2 trusted): no valid cosignature by "
                                                 + "bob.example/witness");
    }

    @Test
    void aForgedCosignatureOfATrustedWitnessFails() {
        String text = SignedNote.parse(log.checkpoint(SIZE)).text();
        // Alice's cosignature of another checkpoint text, moved onto this one.
        String moved = log.checkpoint(SIZE) + ALICE.sign(text.replace("\n" + SIZE + "\n", "\n" + (SIZE - 1) + "\n"),
                                                         TIME).line();
        Run run = verify(moved, "--witness", ALICE.key().format());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("cosignature by the witness alice.example/witness that does not verify");
    }

    @Test
    void badWitnessOptionsAreUnusableInput() {
        assertThat(verify(cosigned(ALICE), "--witness", log.vkey()).err())
                .contains("is not a witness's cosigner key").contains("0x04");
        Run tooMany = verify(cosigned(ALICE), "--witness", ALICE.key().format(), "--witnesses-required", "2");
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--witnesses-required must be from 1 to the number of --witness keys (1)");
    }

    @Test
    void theNewestTrustedCosignatureTimeIsAvailable() throws Exception {
        WitnessQuorum quorum = WitnessQuorum.of(List.of(ALICE.key().format(), BOB.key().format()), 1);
        TrustedCheckpoint checkpoint = TrustedCheckpoint.parse(cosigned(ALICE, BOB, CAROL), "test", "the latest "
                + "checkpoint", LogKeys.of(LogVerifier.logKey(log.vkey())));
        WitnessQuorum.Cosigned cosigned = quorum.check(checkpoint);
        // Carol's (newest) is not trusted here: Bob's is the newest trusted one.
        assertThat(cosigned.newestTrustedCosignatureTime()).hasValue(java.time.Instant.ofEpochSecond(TIME + 1));
    }
}
