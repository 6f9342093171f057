package org.consensusledger.tlog;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.tlog.TestLeaves.b64;
import static org.consensusledger.tlog.TestLeaves.hex;

/** Proof verification against the transparency-dev/merkle probes, and the rejections this verifier promises. */
class MerkleProofsTest {

    @TestFactory
    Stream<DynamicTest> inclusionProbes() {
        return Rfc6962Vectors.INCLUSION.stream().map(probe -> DynamicTest.dynamicTest(probe.name(), () -> {
            var check = assertThatCode(() -> MerkleProofs.verifyInclusion(
                    probe.index(), probe.size(), b64(probe.leafHash()), b64(probe.proof()), b64(probe.root())));
            if (probe.wantError()) {
                check.isInstanceOf(VerificationException.class);
            } else {
                check.doesNotThrowAnyException();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> consistencyProbes() {
        return Rfc6962Vectors.CONSISTENCY.stream().map(probe -> DynamicTest.dynamicTest(probe.name(), () -> {
            var check = assertThatCode(() -> MerkleProofs.verifyConsistency(
                    probe.size1(), probe.size2(), b64(probe.proof()), b64(probe.root1()), b64(probe.root2())));
            if (probe.wantError()) {
                check.isInstanceOf(VerificationException.class);
            } else {
                check.doesNotThrowAnyException();
            }
        }));
    }

    @Test
    void theProbesCoverBothOutcomes() {
        assertThat(Rfc6962Vectors.INCLUSION).filteredOn(Rfc6962Vectors.Inclusion::wantError).hasSizeGreaterThan(50);
        assertThat(Rfc6962Vectors.INCLUSION).filteredOn(p -> !p.wantError()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Rfc6962Vectors.CONSISTENCY).filteredOn(Rfc6962Vectors.Consistency::wantError)
                                              .hasSizeGreaterThan(50);
        assertThat(Rfc6962Vectors.CONSISTENCY).filteredOn(p -> !p.wantError()).hasSizeGreaterThanOrEqualTo(5);
    }

    private static final Rfc6962Vectors.Inclusion INCLUSION_5_OF_8 = Rfc6962Vectors.INCLUSION.stream()
            .filter(p -> p.name().equals("2/happy-path")).findFirst().orElseThrow();
    private static final Rfc6962Vectors.Consistency CONSISTENCY_6_TO_8 = Rfc6962Vectors.CONSISTENCY.stream()
            .filter(p -> p.name().equals("2/happy-path")).findFirst().orElseThrow();

    @Test
    void rootFromInclusionGivesTheRoot() throws VerificationException {
        byte[] root = MerkleProofs.rootFromInclusion(5, 8, b64(INCLUSION_5_OF_8.leafHash()),
                                                     b64(INCLUSION_5_OF_8.proof()));
        assertThat(root).isEqualTo(hex(TestLeaves.ROOTS.get(8)));
    }

    @Test
    void inclusionRejectionsSayWhatFailed() {
        byte[] leaf = b64(INCLUSION_5_OF_8.leafHash());
        List<byte[]> proof = b64(INCLUSION_5_OF_8.proof());
        byte[] root = b64(INCLUSION_5_OF_8.root());

        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(8, 8, leaf, proof, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not less than tree size");
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, leaf, proof.subList(0, 2), root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("has 2 hashes, not 3");
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, leaf, longer, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("has 4 hashes, not 3");
        List<byte[]> shortHash = new ArrayList<>(proof);
        shortHash.set(1, new byte[31]);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, leaf, shortHash, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("31 bytes, not 32");
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, new byte[33], proof, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("leaf hash has 33 bytes");
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, leaf, proof, new byte[0]))
                .isInstanceOf(VerificationException.class).hasMessageContaining("root has 0 bytes");
        List<byte[]> modified = new ArrayList<>(proof);
        byte[] flipped = modified.get(2).clone();
        flipped[0] ^= 1;
        modified.set(2, flipped);
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(5, 8, leaf, modified, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("leads to root");
        assertThatThrownBy(() -> MerkleProofs.verifyInclusion(4, 8, leaf, proof, root))
                .isInstanceOf(VerificationException.class).hasMessageContaining("leads to root");
    }

    @Test
    void consistencyRejectionsSayWhatFailed() {
        List<byte[]> proof = b64(CONSISTENCY_6_TO_8.proof());
        byte[] root6 = b64(CONSISTENCY_6_TO_8.root1());
        byte[] root8 = b64(CONSISTENCY_6_TO_8.root2());
        assertThatCode(() -> MerkleProofs.verifyConsistency(6, 8, proof, root6, root8)).doesNotThrowAnyException();

        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(8, 6, proof, root8, root6))
                .isInstanceOf(VerificationException.class).hasMessageContaining("is larger than");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, List.of(), root6, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, proof.subList(0, 2), root6, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("has 2 hashes, not 3");
        List<byte[]> shortHash = new ArrayList<>(proof);
        shortHash.set(0, new byte[16]);
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, shortHash, root6, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("16 bytes, not 32");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, proof, root6, root6))
                .isInstanceOf(VerificationException.class).hasMessageContaining("second root");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(6, 8, proof, root8, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("first root");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(8, 8, proof, root8, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("must be empty");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(8, 8, List.of(), root6, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("different roots");
        assertThatCode(() -> MerkleProofs.verifyConsistency(8, 8, List.of(), root8, root8))
                .doesNotThrowAnyException();
    }

    @Test
    void everyTreeExtendsTheEmptyTree() {
        byte[] empty = MerkleHash.emptyRoot();
        byte[] root8 = hex(TestLeaves.ROOTS.get(8));
        assertThatCode(() -> MerkleProofs.verifyConsistency(0, 8, List.of(), empty, root8))
                .doesNotThrowAnyException();
        assertThatCode(() -> MerkleProofs.verifyConsistency(0, 0, List.of(), empty, empty))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(0, 8, List.of(), root8, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("root of the empty tree");
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(0, 8, List.of(empty), empty, root8))
                .isInstanceOf(VerificationException.class).hasMessageContaining("must be empty");
    }
}
