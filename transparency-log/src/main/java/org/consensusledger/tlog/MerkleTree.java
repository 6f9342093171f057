package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The RFC 9162 Merkle tree of the log, read from its stored complete subtrees. Roots and proofs are available for
 * every size up to the current one, so a client holding an old checkpoint can always be answered.
 *
 * <p>Every hash a root or a proof needs is the hash of a range of leaves {@code [start, end)} that is either a
 * complete subtree (one stored node) or the partial subtree on the right edge of a smaller tree, which is
 * composed from at most 63 complete subtrees. A root or a proof therefore costs O(log n) node reads, fetched in
 * one {@link NodeReader#nodes(List)} call, and O(log n) hashing.
 */
public final class MerkleTree {

    private final NodeReader reader;
    private final long size;

    /**
     * @param reader the stored nodes
     * @param size   the number of leaves stored: every complete subtree within {@code [0, size)} must be readable
     */
    public MerkleTree(NodeReader reader, long size) {
        if (reader == null) {
            throw new IllegalArgumentException("node reader is missing");
        }
        if (size < 0) {
            throw new IllegalArgumentException("tree size " + size + " is negative");
        }
        this.reader = reader;
        this.size = size;
    }

    /** The number of leaves of the current tree. */
    public long size() {
        return size;
    }

    /** The root hash of the current tree. */
    public byte[] root() {
        return root(size);
    }

    /** The root hash of the tree of the first {@code treeSize} leaves (RFC 9162 §2.1.1 MTH). */
    public byte[] root(long treeSize) {
        checkSize(treeSize, "tree size");
        if (treeSize == 0) {
            return MerkleHash.emptyRoot();
        }
        return hashes(List.of(new Range(0, treeSize))).get(0);
    }

    /**
     * The inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves (RFC 9162 §2.1.3.1 PATH):
     * sibling hashes from the leaf up to the root.
     */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        checkSize(treeSize, "tree size");
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of " + treeSize);
        }
        List<Range> topDown = new ArrayList<>();
        long start = 0;
        long n = treeSize;
        long m = index;
        while (n > 1) {
            long k = Long.highestOneBit(n - 1);
            if (m < k) {
                topDown.add(new Range(start + k, start + n));
                n = k;
            } else {
                topDown.add(new Range(start, start + k));
                m -= k;
                start += k;
                n -= k;
            }
        }
        Collections.reverse(topDown);
        return hashes(topDown);
    }

    /**
     * The consistency proof between the trees of {@code from} and {@code to} leaves (RFC 9162 §2.1.4.1 PROOF). It
     * is empty when {@code from == to} and when {@code from == 0} (every tree extends the empty tree).
     */
    public List<byte[]> consistencyProof(long from, long to) {
        checkSize(to, "tree size");
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("cannot prove consistency from " + from + " to " + to);
        }
        if (from == 0 || from == to) {
            return List.of();
        }
        List<Range> topDown = new ArrayList<>();
        long start = 0;
        long n = to;
        long m = from;
        boolean wholeTreeKnown = true;
        while (m != n) {
            long k = Long.highestOneBit(n - 1);
            if (m <= k) {
                topDown.add(new Range(start + k, start + n));
                n = k;
            } else {
                topDown.add(new Range(start, start + k));
                m -= k;
                start += k;
                n -= k;
                wholeTreeKnown = false;
            }
        }
        if (!wholeTreeKnown) {
            topDown.add(new Range(start, start + n));
        }
        Collections.reverse(topDown);
        return hashes(topDown);
    }

    /**
     * The complete subtrees that make up the leaves {@code [start, end)}, largest first. {@code start} must be a
     * multiple of the largest of them, as it is for every range of an RFC 9162 tree.
     */
    static List<NodeId> subtrees(long start, long end) {
        List<NodeId> ids = new ArrayList<>(Long.bitCount(end - start));
        long position = start;
        for (int level = NodeId.MAX_LEVEL; level >= 0; level--) {
            long width = 1L << level;
            if (((end - start) & width) != 0) {
                if (position % width != 0) {
                    throw new IllegalArgumentException("leaves [" + start + ", " + end + ") are not a subtree");
                }
                ids.add(new NodeId(level, position >> level));
                position += width;
            }
        }
        return ids;
    }

    /** The Merkle hashes of the ranges, all their nodes read in one bulk call. */
    private List<byte[]> hashes(List<Range> ranges) {
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        List<NodeId> all = new ArrayList<>();
        for (Range range : ranges) {
            List<NodeId> ids = subtrees(range.start(), range.end());
            parts.add(ids);
            all.addAll(ids);
        }
        List<byte[]> read = all.isEmpty() ? List.of() : reader.nodes(all);
        if (read.size() != all.size()) {
            throw new IllegalStateException("asked for " + all.size() + " nodes, got " + read.size());
        }
        List<byte[]> result = new ArrayList<>(ranges.size());
        int next = 0;
        for (List<NodeId> ids : parts) {
            int first = next;
            next += ids.size();
            byte[] hash = Hashes.checked(read.get(next - 1), "stored node " + ids.get(ids.size() - 1));
            for (int i = next - 2; i >= first; i--) {
                hash = MerkleHash.nodeHash(Hashes.checked(read.get(i), "stored node " + all.get(i)), hash);
            }
            result.add(hash);
        }
        return result;
    }

    private void checkSize(long treeSize, String what) {
        if (treeSize < 0 || treeSize > size) {
            throw new IllegalArgumentException(what + " " + treeSize + " is outside 0.." + size);
        }
    }

    /** The leaves {@code [start, end)}. */
    private record Range(long start, long end) {
    }
}
