package org.consensusledger.tlog;

/**
 * The id of a stored complete subtree: the node at {@code level} and {@code index} is the Merkle hash of the
 * {@code 2^level} leaves {@code [index·2^level, (index+1)·2^level)}. Level 0 holds the leaf hashes themselves.
 * Once a subtree is complete its hash never changes, which is why only complete subtrees are stored: the tree of
 * any size is composed from them.
 */
public record NodeId(int level, long index) {

    /** Levels above this would cover more leaves than a {@code long} can count. */
    public static final int MAX_LEVEL = 62;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("node level " + level + " is outside 0.." + MAX_LEVEL);
        }
        if (index < 0 || index > (Long.MAX_VALUE >> level)) {
            throw new IllegalArgumentException("node index " + index + " is out of range at level " + level);
        }
    }

    /** The first leaf this subtree covers. */
    public long firstLeaf() {
        return index << level;
    }

    /** The number of leaves this subtree covers ({@code 2^level}). */
    public long leafCount() {
        return 1L << level;
    }

    @Override
    public String toString() {
        return "(" + level + "," + index + ")";
    }
}
