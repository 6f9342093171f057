package org.consensusledger.tlog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The C2SP tlog-proof form: round trips, verification against a signed checkpoint, and what is refused. */
class TlogProofTest {

    private static final String ORIGIN = "ledger.example/log";

    private KeyText.SignerKey logKey;
    private NoteVerifier verifier;
    private List<byte[]> leaves;
    private MerkleTree tree;

    @BeforeEach
    void eightLeavesAndASignedCheckpoint() {
        logKey = KeyText.generate(ORIGIN);
        verifier = new NoteVerifier(logKey.verifierKey());
        leaves = TestLeaves.leafHashes();
        InMemoryNodes nodes = new InMemoryNodes();
        nodes.append(leaves);
        tree = nodes.tree();
    }

    private String signedCheckpoint(long size) {
        return new NoteSigner(logKey).sign(new Checkpoint(ORIGIN, size, tree.root(size)).format());
    }

    private TlogProof proof(long index, long size) {
        return new TlogProof(index, tree.inclusionProof(index, size), signedCheckpoint(size));
    }

    @Test
    void formatsAsTheSpecSays() {
        TlogProof proof = new TlogProof("extra".getBytes(StandardCharsets.UTF_8), 5, tree.inclusionProof(5, 8),
                                        signedCheckpoint(8));
        String text = proof.format();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("c2sp.org/tlog-proof@v1");
        assertThat(lines.get(1)).isEqualTo("extra ZXh0cmE=");
        assertThat(lines.get(2)).isEqualTo("index 5");
        assertThat(lines.subList(3, 6)).containsExactly(
                "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=",
                "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=");
        assertThat(lines.get(6)).isEmpty();
        assertThat(lines.get(7)).isEqualTo(ORIGIN);
        assertThat(text).endsWith("\n\n" + proof.signedCheckpoint());
        assertThat(TlogProof.parse(text)).isEqualTo(proof);
    }

    @Test
    void roundTripsWithoutExtraAndWithAnEmptyProof() throws VerificationException {
        TlogProof single = proof(0, 1);
        assertThat(single.format()).startsWith("c2sp.org/tlog-proof@v1\nindex 0\n\n" + ORIGIN + "\n1\n");
        TlogProof parsed = TlogProof.parse(single.format());
        assertThat(parsed).isEqualTo(single);
        assertThat(parsed.extra()).isNull();
        assertThat(parsed.verify(leaves.get(0), verifier).size()).isEqualTo(1);
    }

    @Test
    void verifiesEveryLeafOfEverySize() throws VerificationException {
        for (long size = 1; size <= 8; size++) {
            for (long index = 0; index < size; index++) {
                TlogProof proof = TlogProof.parse(proof(index, size).format());
                Checkpoint checkpoint = proof.verify(leaves.get((int) index), verifier);
                assertThat(checkpoint.size()).isEqualTo(size);
                assertThat(checkpoint.rootHash()).isEqualTo(TestLeaves.hex(TestLeaves.ROOTS.get((int) size)));
            }
        }
    }

    @Test
    void refusesWhatDoesNotVerify() {
        TlogProof proof = proof(5, 8);
        assertThatThrownBy(() -> proof.verify(leaves.get(4), verifier))
                .isInstanceOf(VerificationException.class).hasMessageContaining("leads to root");

        NoteVerifier otherKey = new NoteVerifier(KeyText.generate(ORIGIN).verifierKey());
        assertThatThrownBy(() -> proof.verify(leaves.get(5), otherKey))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");

        assertThatThrownBy(() -> proof.verify(leaves.get(5), verifier, "other.example/log"))
                .isInstanceOf(VerificationException.class).hasMessageContaining("origin");

        String forged = proof.signedCheckpoint().replace("\n8\n", "\n7\n");
        assertThatThrownBy(() -> new TlogProof(5, proof.inclusionProof(), forged).verify(leaves.get(5), verifier))
                .isInstanceOf(VerificationException.class).hasMessageContaining("invalid signature");

        List<byte[]> shorter = new ArrayList<>(proof.inclusionProof());
        shorter.remove(2);
        assertThatThrownBy(() -> new TlogProof(5, shorter, proof.signedCheckpoint()).verify(leaves.get(5), verifier))
                .isInstanceOf(VerificationException.class).hasMessageContaining("has 2 hashes, not 3");

        assertThatThrownBy(() -> new TlogProof(9, proof.inclusionProof(), proof.signedCheckpoint())
                .verify(leaves.get(5), verifier))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not less than tree size");

        String notACheckpoint = new NoteSigner(logKey).sign("just a note\n");
        assertThatThrownBy(() -> new TlogProof(0, List.of(), notACheckpoint).verify(leaves.get(0), verifier))
                .isInstanceOf(VerificationException.class).hasMessageContaining("checkpoint is malformed");
    }

    @Test
    void refusesMalformedText() {
        String good = proof(5, 8).format();
        String hash = "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=";
        List<String> bad = List.of(
                "",
                good.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"),
                good.replace("index 5", "index 05"),
                good.replace("index 5", "index -5"),
                good.replace("index 5", "index5"),
                good.replace("index 5\n", ""),
                good.replace("index 5", "extra !!\nindex 5"),
                good.replace(hash, hash.substring(0, 40) + "="),
                good.replace(hash, "AAAA" + hash),
                good.replace("\n\n" + ORIGIN, "\n" + ORIGIN),
                good.substring(0, good.indexOf("\n\n") + 2),
                good.substring(0, good.lastIndexOf("\n\n") + 1));
        for (String text : bad) {
            assertThatThrownBy(() -> TlogProof.parse(text)).as("%s", text)
                                                          .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
