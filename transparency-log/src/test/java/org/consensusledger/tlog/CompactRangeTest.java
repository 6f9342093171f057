package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CompactRangeTest {

    /** MTH straight from RFC 9162 §2.1.1, recursively: the reference the compact range must agree with. */
    private static byte[] mth(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        if (n == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHash.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }

    private static byte[] leaf(int i) {
        return MerkleHash.leafHash(ByteBuffer.allocate(4).putInt(i).array());
    }

    @Test
    void rootOfEverySizeIsTheRfc9162RootAndTheStoredTreesRoot() {
        List<byte[]> leaves = new ArrayList<>();
        Map<NodeId, byte[]> stored = new HashMap<>();
        CompactRange range = new CompactRange();
        assertThat(range.root()).isEqualTo(MerkleHash.emptyRoot());
        for (int i = 0; i < 300; i++) {
            leaves.add(leaf(i));
            range.append(leaf(i));
            for (MerkleNode node : MerkleAppender.append(i, (level, index) -> stored.get(new NodeId(level, index)),
                                                         List.of(leaf(i))).nodes()) {
                stored.put(node.id(), node.hash());
            }
            assertThat(range.size()).isEqualTo(i + 1);
            assertThat(range.root()).as("root of size %d", i + 1).isEqualTo(mth(leaves, 0, i + 1))
                                    .isEqualTo(new MerkleTree((level, index) -> stored.get(new NodeId(level, index)),
                                                              i + 1).root());
        }
    }

    @Test
    void agreesWithTheTransparencyDevVectors() {
        // The eight leaves of transparency-dev/merkle and the root of all eight (docs/audit.md example).
        String[] inputs = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                "606162636465666768696a6b6c6d6e6f"};
        CompactRange range = new CompactRange();
        for (String input : inputs) {
            range.append(MerkleHash.leafHash(HexFormat.of().parseHex(input)));
        }
        assertThat(HexFormat.of().formatHex(range.root()))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }
}
