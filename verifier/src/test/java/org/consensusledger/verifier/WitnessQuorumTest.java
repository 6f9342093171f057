package org.consensusledger.verifier;

import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    void theTimeThatCountsIsTheKthNewestTrustedCosignatureTime() throws Exception {
        WitnessQuorum quorum = WitnessQuorum.of(List.of(ALICE.key().format(), BOB.key().format(),
                                                        CAROL.key().format()), 2);
        TrustedCheckpoint checkpoint = TrustedCheckpoint.parse(cosigned(ALICE, BOB, CAROL), "test", "the latest "
                + "checkpoint", LogKeys.of(LogVerifier.logKey(log.vkey())));
        WitnessQuorum.Cosigned cosigned = quorum.check(checkpoint, Instant.now());
        // Carol's is the newest, Bob's the second newest: two witnesses vouch for Bob's time, one only for Carol's.
        assertThat(cosigned.quorumCosignatureTime()).hasValue(Instant.ofEpochSecond(TIME + 1));
    }

    @Test
    void oneLyingWitnessDoesNotMakeAStaleCheckpointFresh() {
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        String note = log.checkpoint(SIZE, twoDaysAgo);
        String text = SignedNote.parse(note).text();
        String lied = note + ALICE.sign(text, Instant.now().getEpochSecond()).line()
                + BOB.sign(text, twoDaysAgo.getEpochSecond()).line();
        Run run = verify(lied, "--witness", ALICE.key().format(), "--witness", BOB.key().format(), "--max-age", "1d");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("older than --max-age 1 d");
    }

    @Test
    void aCosignatureTimedInTheFutureIsNotCountedRatherThanFailingTheRun() {
        String note = log.checkpoint(SIZE);
        String text = SignedNote.parse(note).text();
        SignedNote.Signature far = CAROL.sign(text, 1);
        byte[] bytes = far.signature();
        ByteBuffer.wrap(bytes).putLong(40_000_000_000_000_000L); // no date can hold it
        String cosigned = note + ALICE.sign(text, Instant.now().plus(Duration.ofHours(1)).getEpochSecond()).line()
                + BOB.sign(text, Instant.now().getEpochSecond()).line()
                + new SignedNote.Signature(far.keyName(), far.keyId(), bytes).line();
        Run run = verify(cosigned, "--witness", ALICE.key().format(), "--witness", BOB.key().format(),
                         "--witness", CAROL.key().format(), "--witnesses-required", "1");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("; cosigned by 1 trusted witness (bob.example/witness at ")
                             .contains("not counted as cosigned, timed in the future: alice.example/witness (timed ")
                             .contains("carol.example/witness (timed 40000000000000000 s");

        Run tooFew = verify(cosigned, "--witness", ALICE.key().format(), "--witness", BOB.key().format(),
                            "--witnesses-required", "2");
        assertThat(tooFew.code()).isEqualTo(1);
        assertThat(tooFew.out()).contains("is cosigned by 1 of the 2 witnesses required")
                                .contains("not counted, timed in the future: alice.example/witness");
    }

    @Test
    void oneWitnessGivenTwiceOrUnderTwoNamesIsUnusableInput() {
        Run twice = verify(cosigned(ALICE), "--witness", ALICE.key().format(), "--witness", ALICE.key().format(),
                           "--witnesses-required", "2");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("is given twice");
        byte[] key = ALICE.key().publicKey();
        String renamed = new Cosignature.CosignerKey("mallory.example/witness",
                                                     Cosignature.keyId("mallory.example/witness", key), key).format();
        Run twoNames = verify(cosigned(ALICE), "--witness", ALICE.key().format(), "--witness", renamed);
        assertThat(twoNames.code()).isEqualTo(2);
        assertThat(twoNames.err()).contains("are one public key under two names");
    }

    @Test
    void aWitnessKeyOverPlainHttpIsRefused() {
        Run run = verify(cosigned(ALICE), "--witness", "http://127.0.0.1:9/witness.vkey");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is not read over plain http");
    }
}
