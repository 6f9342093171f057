package org.consensusledger.tlog;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Verification of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Only what is verified here is
 * trusted: the proof comes from the log, the root from a signed checkpoint. Every input is checked (sizes, proof
 * length, 32-byte hashes) before any hashing, so a malformed proof fails with a message saying what is wrong
 * rather than merely as a root mismatch.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /**
     * Checks that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} leaves with root
     * {@code root}.
     */
    public static void verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws VerificationException {
        byte[] expected = hash(root, "root");
        byte[] computed = rootFromInclusion(index, treeSize, leafHash, proof);
        if (!MessageDigest.isEqual(computed, expected)) {
            throw new VerificationException("inclusion proof of leaf " + index + " in tree " + treeSize
                    + " leads to root " + hex(computed) + ", not " + hex(expected));
        }
    }

    /**
     * The root that an inclusion proof leads to from {@code leafHash} at {@code index} in a tree of
     * {@code treeSize} leaves; for example to compare against several candidate checkpoints.
     */
    public static byte[] rootFromInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof)
            throws VerificationException {
        if (index < 0 || treeSize < 0) {
            throw new VerificationException("negative leaf index " + index + " or tree size " + treeSize);
        }
        if (index >= treeSize) {
            throw new VerificationException("leaf index " + index + " is not less than tree size " + treeSize);
        }
        byte[] leaf = hash(leafHash, "leaf hash");
        List<byte[]> path = hashes(proof, "inclusion proof");
        int expectedLength = inclusionLength(index, treeSize);
        if (path.size() != expectedLength) {
            throw new VerificationException("inclusion proof of leaf " + index + " in tree " + treeSize + " has "
                    + path.size() + " hashes, not " + expectedLength);
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHash.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return r;
    }

    /**
     * Checks that the tree of {@code to} leaves with root {@code toRoot} extends the tree of {@code from} leaves
     * with root {@code fromRoot}. When {@code from == to} the proof must be empty and the roots equal; when
     * {@code from == 0} the proof must be empty and {@code fromRoot} the empty root (every tree extends it).
     */
    public static void verifyConsistency(long from, long to, List<byte[]> proof, byte[] fromRoot, byte[] toRoot)
            throws VerificationException {
        if (from < 0 || to < 0) {
            throw new VerificationException("negative tree size " + from + " or " + to);
        }
        if (from > to) {
            throw new VerificationException("tree size " + from + " is larger than tree size " + to);
        }
        byte[] first = hash(fromRoot, "first root");
        byte[] second = hash(toRoot, "second root");
        List<byte[]> path = hashes(proof, "consistency proof");
        if (from == to || from == 0) {
            if (!path.isEmpty()) {
                throw new VerificationException("consistency proof from " + from + " to " + to
                        + " must be empty, has " + path.size() + " hashes");
            }
            if (from == to && !MessageDigest.isEqual(first, second)) {
                throw new VerificationException("trees of equal size " + from + " have different roots "
                        + hex(first) + " and " + hex(second));
            }
            if (from == 0 && !MessageDigest.isEqual(first, MerkleHash.emptyRoot())) {
                throw new VerificationException("root of the empty tree is " + hex(first)
                        + ", not " + hex(MerkleHash.emptyRoot()));
            }
            return;
        }
        if (path.isEmpty()) {
            throw new VerificationException("consistency proof from " + from + " to " + to + " is empty");
        }
        int expectedLength = consistencyLength(from, to);
        if (path.size() != expectedLength) {
            throw new VerificationException("consistency proof from " + from + " to " + to + " has "
                    + path.size() + " hashes, not " + expectedLength);
        }
        boolean fromIsPowerOfTwo = Long.bitCount(from) == 1;
        int next = 0;
        byte[] seed = fromIsPowerOfTwo ? first : path.get(next++);
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (; next < path.size(); next++) {
            byte[] c = path.get(next);
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.nodeHash(c, fr);
                sr = MerkleHash.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHash.nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (!MessageDigest.isEqual(fr, first)) {
            throw new VerificationException("consistency proof from " + from + " to " + to
                    + " leads to first root " + hex(fr) + ", not " + hex(first));
        }
        if (!MessageDigest.isEqual(sr, second)) {
            throw new VerificationException("consistency proof from " + from + " to " + to
                    + " leads to second root " + hex(sr) + ", not " + hex(second));
        }
    }

    /** The number of hashes in the inclusion proof of {@code index} in a tree of {@code treeSize} leaves. */
    static int inclusionLength(long index, long treeSize) {
        long fn = index;
        long sn = treeSize - 1;
        int length = 0;
        while (sn != 0) {
            if ((fn & 1) == 0 && fn == sn) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            fn >>= 1;
            sn >>= 1;
            length++;
        }
        return length;
    }

    /** The number of hashes in the consistency proof from {@code from} to {@code to}, {@code 0 < from < to}. */
    static int consistencyLength(long from, long to) {
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        int length = Long.bitCount(from) == 1 ? 0 : 1;
        while (sn != 0) {
            if ((fn & 1) == 1 || fn == sn) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            fn >>= 1;
            sn >>= 1;
            length++;
        }
        return length;
    }

    private static byte[] hash(byte[] hash, String what) throws VerificationException {
        try {
            return Hashes.checked(hash, what);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(e.getMessage());
        }
    }

    private static List<byte[]> hashes(List<byte[]> hashes, String what) throws VerificationException {
        try {
            return Hashes.checked(hashes, what);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(e.getMessage());
        }
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
