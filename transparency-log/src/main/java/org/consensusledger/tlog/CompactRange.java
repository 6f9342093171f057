package org.consensusledger.tlog;

/**
 * The compact range of the leaves appended so far: the roots of the complete subtrees that the first
 * {@link #size()} leaves are made of, one per bit set in the size (see docs/audit.md, "Stored complete subtrees").
 * That is all it takes to append further leaves and to compute the RFC 9162 root of the current size, so a whole
 * export is checked in O(log n) memory: at most 63 hashes. The verifier folds an export into one; the query side's
 * self-check folds the stored log into one, to recompute the roots it signed.
 */
public final class CompactRange {

    /** {@code subtrees[level]}: the complete subtree of {@code 2^level} leaves on the right edge, if bit set. */
    private final byte[][] subtrees = new byte[NodeId.MAX_LEVEL + 1][];
    private long size;

    public long size() {
        return size;
    }

    /** Appends one leaf hash ({@link MerkleHash#leafHash}), merging every subtree it completes. */
    public void append(byte[] leafHash) {
        if (leafHash.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("a leaf hash is " + MerkleHash.SIZE + " bytes");
        }
        byte[] hash = leafHash;
        int level = 0;
        long index = size;
        while ((index & 1) == 1) {
            hash = MerkleHash.nodeHash(subtrees[level], hash);
            subtrees[level] = null;
            level++;
            index >>= 1;
        }
        subtrees[level] = hash;
        size++;
    }

    /** The root of the tree of the leaves appended so far: the complete subtrees folded from the right. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHash.emptyRoot();
        }
        byte[] root = null;
        for (int level = 0; level <= NodeId.MAX_LEVEL; level++) {
            if ((size & (1L << level)) != 0) {
                root = root == null ? subtrees[level] : MerkleHash.nodeHash(subtrees[level], root);
            }
        }
        return root.clone();
    }
}
