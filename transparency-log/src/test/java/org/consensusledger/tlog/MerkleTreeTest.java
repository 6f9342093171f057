package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.tlog.TestLeaves.b64;
import static org.consensusledger.tlog.TestLeaves.hex;

/**
 * The stored tree against reference data (transparency-dev/merkle's eight leaves), and property checks against a
 * straightforward recursive RFC 9162 implementation written here.
 */
class MerkleTreeTest {

    private static InMemoryNodes eightLeaves() {
        InMemoryNodes nodes = new InMemoryNodes();
        List<byte[]> leaves = TestLeaves.leafHashes();
        nodes.append(leaves.subList(0, 3));
        nodes.append(leaves.subList(3, 4));
        nodes.append(leaves.subList(4, 8));
        return nodes;
    }

    @Test
    void storesExactlyTheReferenceCompleteSubtrees() {
        InMemoryNodes nodes = eightLeaves();
        assertThat(nodes.nodeCount()).isEqualTo(8 + 4 + 2 + 1);
        for (int level = 0; level < TestLeaves.NODE_HASHES.size(); level++) {
            List<String> row = TestLeaves.NODE_HASHES.get(level);
            for (int index = 0; index < row.size(); index++) {
                assertThat(nodes.node(level, index)).as("node (%d,%d)", level, index).isEqualTo(hex(row.get(index)));
            }
        }
    }

    @Test
    void rootsOfEverySizeMatchTheReference() {
        MerkleTree tree = eightLeaves().tree();
        for (int size = 0; size <= 8; size++) {
            assertThat(tree.root(size)).as("root of %d", size).isEqualTo(hex(TestLeaves.ROOTS.get(size)));
        }
        assertThat(tree.root()).isEqualTo(hex(TestLeaves.ROOTS.get(8)));
        assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.root(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proofsMatchTheReferenceProbes() {
        MerkleTree tree = eightLeaves().tree();
        for (Rfc6962Vectors.Inclusion probe : Rfc6962Vectors.INCLUSION) {
            if (!probe.wantError() && probe.name().matches("\\d/happy-path")) {
                assertThat(tree.inclusionProof(probe.index(), probe.size()))
                        .as(probe.name()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(b64(probe.proof()));
            }
        }
        for (Rfc6962Vectors.Consistency probe : Rfc6962Vectors.CONSISTENCY) {
            if (!probe.wantError() && probe.name().matches("\\d/happy-path")) {
                assertThat(tree.consistencyProof(probe.size1(), probe.size2()))
                        .as(probe.name()).usingElementComparator(java.util.Arrays::compare)
                        .containsExactlyElementsOf(b64(probe.proof()));
            }
        }
    }

    @Test
    void refusesProofsOutsideTheTree() {
        MerkleTree tree = eightLeaves().tree();
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(0, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(4, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.consistencyProof(0, 8)).isEmpty();
        assertThat(tree.consistencyProof(8, 8)).isEmpty();
    }

    @Test
    void appenderReadsOnlyTheRightEdgeItJoins() {
        InMemoryNodes nodes = eightLeaves();
        nodes.resetCounters();
        // 8 leaves + 1: the old edge (3,0) gets no parent yet, so nothing is read.
        nodes.append(List.of(MerkleHash.leafHash(new byte[] {1})));
        assertThat(nodes.nodeReads).isZero();
        // 9 + 7 = 16: the edges (3,0) and (0,8) are both joined.
        List<byte[]> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(MerkleHash.leafHash(new byte[] {2, (byte) i}));
        }
        MerkleAppender.Result result = nodes.append(seven);
        assertThat(nodes.nodeReads).isEqualTo(2);
        assertThat(nodes.bulkCalls).isEqualTo(1);
        assertThat(result.newSize()).isEqualTo(16);
        assertThat(result.nodes()).extracting(MerkleNode::id).contains(new NodeId(4, 0));
        assertThat(MerkleAppender.rightEdge(16)).containsExactly(new NodeId(4, 0));
        assertThat(MerkleAppender.rightEdge(13))
                .containsExactly(new NodeId(3, 0), new NodeId(2, 2), new NodeId(0, 12));
    }

    @Test
    void appenderRefusesHashesThatAreNot32Bytes() {
        assertThatThrownBy(() -> MerkleAppender.append(0, new InMemoryNodes(), List.of(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 bytes");
    }

    /** For many random sizes: roots, proofs and re-appends, all checked against the reference and the verifier. */
    @Test
    void randomTreesAgreeWithTheReferenceAndVerify() throws VerificationException {
        Random random = new Random(6962);
        for (int round = 0; round < 40; round++) {
            int size = round < 10 ? round + 1 : 1 + random.nextInt(300);
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] data = new byte[random.nextInt(20)];
                random.nextBytes(data);
                leaves.add(MerkleHash.leafHash(data));
            }
            InMemoryNodes nodes = new InMemoryNodes();
            List<MerkleNode> produced = new ArrayList<>();
            List<Long> batchStarts = new ArrayList<>();
            int appended = 0;
            while (appended < size) {
                int batch = Math.min(size - appended, 1 + random.nextInt(Math.max(1, size / 3)));
                batchStarts.add((long) appended);
                produced.addAll(nodes.append(leaves.subList(appended, appended + batch)).nodes());
                appended += batch;
            }
            assertThat(nodes.size()).isEqualTo(size);
            assertThat(produced).as("each complete subtree produced once")
                                .extracting(MerkleNode::id).doesNotHaveDuplicates();
            assertThat(nodes.nodeCount()).isEqualTo(produced.size());

            reappendingGivesTheSameNodes(nodes, leaves, produced, batchStarts);

            MerkleTree tree = nodes.tree();
            int logBound = 2 * (64 - Long.numberOfLeadingZeros(size)) + 2;
            for (int n = 0; n <= size; n++) {
                nodes.resetCounters();
                assertThat(tree.root(n)).as("root of %d", n).isEqualTo(Reference.mth(leaves, 0, n));
                assertThat(nodes.nodeReads).isLessThanOrEqualTo(logBound);
            }
            for (int probe = 0; probe < 30; probe++) {
                int n = 1 + random.nextInt(size);
                int index = random.nextInt(n);
                nodes.resetCounters();
                List<byte[]> proof = tree.inclusionProof(index, n);
                assertThat(nodes.bulkCalls).isLessThanOrEqualTo(1);
                assertThat(nodes.nodeReads).as("reads for inclusion %d in %d", index, n)
                                           .isLessThanOrEqualTo(logBound);
                assertThat(proof).usingElementComparator(java.util.Arrays::compare)
                                 .containsExactlyElementsOf(Reference.path(leaves, index, 0, n));
                MerkleProofs.verifyInclusion(index, n, leaves.get(index), proof, Reference.mth(leaves, 0, n));

                int from = random.nextInt(n + 1);
                nodes.resetCounters();
                List<byte[]> consistency = tree.consistencyProof(from, n);
                assertThat(nodes.bulkCalls).isLessThanOrEqualTo(1);
                assertThat(nodes.nodeReads).as("reads for consistency %d to %d", from, n)
                                           .isLessThanOrEqualTo(logBound);
                assertThat(consistency).usingElementComparator(java.util.Arrays::compare)
                                       .containsExactlyElementsOf(Reference.proof(leaves, from, n));
                MerkleProofs.verifyConsistency(from, n, consistency, Reference.mth(leaves, 0, from),
                                               Reference.mth(leaves, 0, n));
            }
            if (size >= 2) {
                int n = size;
                int index = random.nextInt(n);
                List<byte[]> proof = new ArrayList<>(tree.inclusionProof(index, n));
                if (!proof.isEmpty()) {
                    byte[] bad = proof.get(proof.size() - 1).clone();
                    bad[31] ^= (byte) 0x80;
                    proof.set(proof.size() - 1, bad);
                    List<byte[]> tampered = proof;
                    assertThatThrownBy(() -> MerkleProofs.verifyInclusion(index, n, leaves.get(index), tampered,
                                                                          tree.root(n)))
                            .isInstanceOf(VerificationException.class);
                }
            }
        }
    }

    /** Re-running every batch on the tree as it was before it yields the very nodes it yielded then. */
    private static void reappendingGivesTheSameNodes(InMemoryNodes nodes, List<byte[]> leaves,
                                                     List<MerkleNode> produced, List<Long> batchStarts) {
        List<MerkleNode> again = new ArrayList<>();
        for (int b = 0; b < batchStarts.size(); b++) {
            int start = batchStarts.get(b).intValue();
            int end = b + 1 < batchStarts.size() ? batchStarts.get(b + 1).intValue() : leaves.size();
            again.addAll(MerkleAppender.append(start, nodes, leaves.subList(start, end)).nodes());
        }
        assertThat(again).isEqualTo(produced);
        assertThatCode(() -> nodes.store(again)).doesNotThrowAnyException();
    }

    /** RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written directly, recursion and all. */
    static final class Reference {

        static byte[] mth(List<byte[]> leaves, int start, int end) {
            int n = end - start;
            if (n == 0) {
                return MerkleHash.emptyRoot();
            }
            if (n == 1) {
                return leaves.get(start);
            }
            int k = Integer.highestOneBit(n - 1);
            return MerkleHash.nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
        }

        static List<byte[]> path(List<byte[]> leaves, int m, int start, int end) {
            int n = end - start;
            List<byte[]> result = new ArrayList<>();
            if (n <= 1) {
                return result;
            }
            int k = Integer.highestOneBit(n - 1);
            if (m < k) {
                result.addAll(path(leaves, m, start, start + k));
                result.add(mth(leaves, start + k, end));
            } else {
                result.addAll(path(leaves, m - k, start + k, end));
                result.add(mth(leaves, start, start + k));
            }
            return result;
        }

        static List<byte[]> proof(List<byte[]> leaves, int m, int n) {
            if (m == 0 || m == n) {
                return new ArrayList<>();
            }
            return subproof(leaves, m, 0, n, true);
        }

        private static List<byte[]> subproof(List<byte[]> leaves, int m, int start, int end, boolean b) {
            int n = end - start;
            List<byte[]> result = new ArrayList<>();
            if (m == n) {
                if (!b) {
                    result.add(mth(leaves, start, end));
                }
                return result;
            }
            int k = Integer.highestOneBit(n - 1);
            if (m <= k) {
                result.addAll(subproof(leaves, m, start, start + k, b));
                result.add(mth(leaves, start + k, end));
            } else {
                result.addAll(subproof(leaves, m - k, start + k, end, false));
                result.add(mth(leaves, start, start + k));
            }
            return result;
        }
    }
}
