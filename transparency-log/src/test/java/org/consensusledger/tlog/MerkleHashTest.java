package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 6962 hasher against the vectors of transparency-dev/merkle (rfc6962/rfc6962_test.go). */
class MerkleHashTest {

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void emptyRootIsTheHashOfNothing() {
        assertThat(hex(MerkleHash.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void emptyLeafDiffersFromTheEmptyRoot() {
        assertThat(hex(MerkleHash.leafHash(new byte[0])))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    }

    @Test
    void leafHashPrefixesZero() {
        assertThat(hex(MerkleHash.leafHash("L123456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    }

    @Test
    void nodeHashPrefixesOne() {
        assertThat(hex(MerkleHash.nodeHash("N123".getBytes(StandardCharsets.US_ASCII),
                                           "N456".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
    }

    @Test
    void nodesAreNotLeavesAndOrderMatters() {
        byte[] hello = MerkleHash.leafHash("Hello".getBytes(StandardCharsets.US_ASCII));
        byte[] world = MerkleHash.leafHash("World".getBytes(StandardCharsets.US_ASCII));
        byte[] node = MerkleHash.nodeHash(hello, world);
        byte[] concatenated = new byte[64];
        System.arraycopy(hello, 0, concatenated, 0, 32);
        System.arraycopy(world, 0, concatenated, 32, 32);
        assertThat(hello).isNotEqualTo(world);
        assertThat(node).isNotEqualTo(MerkleHash.leafHash(concatenated));
        assertThat(node).isNotEqualTo(MerkleHash.nodeHash(world, hello));
    }

    @Test
    void hashingIsSafeAcrossThreads() throws Exception {
        byte[] expected = MerkleHash.leafHash("L123456".getBytes(StandardCharsets.US_ASCII));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        MerkleHash.nodeHash(expected, expected);
                        if (!java.util.Arrays.equals(
                                MerkleHash.leafHash("L123456".getBytes(StandardCharsets.US_ASCII)), expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
