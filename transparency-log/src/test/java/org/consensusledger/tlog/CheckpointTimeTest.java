package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code time} extension line: its bytes, signed and read back, and checkpoints without one. */
class CheckpointTimeTest {

    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    @Test
    void theTimeLineFollowsTheRootLineByteForByte() {
        Checkpoint plain = Checkpoint.parse("ledger.example/log\n8\n" + ROOT + "\n");
        Checkpoint stamped = CheckpointTime.stamped(plain, Instant.parse("2026-12-05T16:00:00.999Z"));

        assertThat(stamped.format()).isEqualTo("ledger.example/log\n8\n" + ROOT + "\ntime 1796486400\n");
        assertThat(CheckpointTime.of(Checkpoint.parse(stamped.format())))
                .contains(Instant.parse("2026-12-05T16:00:00Z"));
    }

    @Test
    void aSignedTimeLineVerifiesAndAnOlderCheckpointWithoutOneStillDoes() throws VerificationException {
        KeyText.SignerKey key = KeyText.generate("ledger.example/log");
        NoteSigner signer = new NoteSigner(key);
        NoteVerifier verifier = new NoteVerifier(key.verifierKey());
        Checkpoint older = new Checkpoint("ledger.example/log", 7, MerkleHash.emptyRoot());
        Checkpoint newer = CheckpointTime.stamped(older, Instant.ofEpochSecond(1_796_486_400L));

        Checkpoint olderRead = Checkpoint.parse(verifier.verify(signer.sign(older.format())).text());
        Checkpoint newerRead = Checkpoint.parse(verifier.verify(signer.sign(newer.format())).text());

        assertThat(CheckpointTime.of(olderRead)).isEmpty();
        assertThat(newerRead.extensions()).containsExactly("time 1796486400");
        assertThat(CheckpointTime.of(newerRead)).contains(Instant.ofEpochSecond(1_796_486_400L));
    }

    @Test
    void otherExtensionLinesAreLeftAlone() {
        Checkpoint checkpoint = new Checkpoint("o", 1, MerkleHash.emptyRoot(), List.of("timely 5", "x"));
        assertThat(CheckpointTime.of(checkpoint)).isEmpty();
    }

    @Test
    void refusesAMalformedOrRepeatedTimeLine() {
        for (List<String> bad : List.of(List.of("time 017"), List.of("time -1"), List.of("time"),
                                        List.of("time 1.5"), List.of("time  12"), List.of("time 1", "time 2"))) {
            Checkpoint checkpoint = new Checkpoint("o", 1, MerkleHash.emptyRoot(), bad);
            assertThatThrownBy(() -> CheckpointTime.of(checkpoint)).as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time");
        }
    }

    @Test
    void refusesATimeBeyondTheYear9999InWordsNotWithADateTimeException() {
        assertThat(CheckpointTime.of(new Checkpoint("o", 1, MerkleHash.emptyRoot(), List.of("time 253402300799"))))
                .contains(Instant.parse("9999-12-31T23:59:59Z"));
        for (String seconds : List.of("253402300800", "99999999999999999", "9223372036854775807")) {
            Checkpoint checkpoint = new Checkpoint("o", 1, MerkleHash.emptyRoot(), List.of("time " + seconds));
            assertThatThrownBy(() -> CheckpointTime.of(checkpoint)).as(seconds)
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the year 9999");
        }
    }
}
