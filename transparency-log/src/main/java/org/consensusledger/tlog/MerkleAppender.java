package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Grows the stored tree: from the current size and the new leaf hashes, the nodes to store. Every complete subtree
 * that the new leaves complete is returned (level-0 leaf hashes included), each exactly once.
 *
 * <p>Deterministic: appending the same leaves to the same tree returns the same nodes, so a writer that crashed
 * half-way can simply run the append again and upsert what it returns. Only the hashes of the right edge that
 * the new leaves actually join are read, in one {@link NodeReader#nodes(List)} call.
 */
public final class MerkleAppender {

    private MerkleAppender() {
    }

    /** What an append produced: the size after it and the nodes to store (children before their parents). */
    public record Result(long newSize, List<MerkleNode> nodes) {

        public Result {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * The complete subtrees a tree of {@code size} leaves is made of, largest (leftmost) first: one per bit set in
     * {@code size}. Their hashes, combined from the right, give the root.
     */
    public static List<NodeId> rightEdge(long size) {
        return MerkleTree.subtrees(0, size);
    }

    /**
     * Appends leaf hashes to a tree of {@code size} leaves.
     *
     * @param size       the number of leaves already in the tree
     * @param reader     the stored nodes of that tree (only right-edge nodes are read)
     * @param leafHashes the new leaf hashes ({@link MerkleHash#leafHash}), in log order
     */
    public static Result append(long size, NodeReader reader, List<byte[]> leafHashes) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size " + size + " is negative");
        }
        List<byte[]> leaves = Hashes.checked(leafHashes, "leaf hash");
        if (leaves.size() > Long.MAX_VALUE - size) {
            throw new IllegalArgumentException("the tree would grow past " + Long.MAX_VALUE + " leaves");
        }
        long newSize = size + leaves.size();

        byte[][] pending = new byte[NodeId.MAX_LEVEL + 1][];
        List<NodeId> joined = joinedEdge(size, newSize);
        if (!joined.isEmpty()) {
            List<byte[]> hashes = reader.nodes(joined);
            if (hashes.size() != joined.size()) {
                throw new IllegalStateException("asked for " + joined.size() + " nodes, got " + hashes.size());
            }
            for (int i = 0; i < joined.size(); i++) {
                pending[joined.get(i).level()] = Hashes.checked(hashes.get(i), "stored node " + joined.get(i));
            }
        }

        List<MerkleNode> nodes = new ArrayList<>(2 * leaves.size() + NodeId.MAX_LEVEL);
        long position = size;
        for (byte[] leaf : leaves) {
            int level = 0;
            long index = position++;
            byte[] hash = leaf;
            nodes.add(new MerkleNode(new NodeId(level, index), hash));
            while ((index & 1) == 1) {
                hash = MerkleHash.nodeHash(pending[level], hash);
                pending[level] = null;
                level++;
                index >>= 1;
                nodes.add(new MerkleNode(new NodeId(level, index), hash));
            }
            pending[level] = hash;
        }
        return new Result(newSize, nodes);
    }

    /**
     * The right-edge nodes of the old tree that get a parent when it grows to {@code newSize}: the edge node at
     * level {@code l} (present when bit {@code l} of {@code size} is set) is joined when the block of
     * {@code 2^(l+1)} leaves that contains it is completed.
     */
    private static List<NodeId> joinedEdge(long size, long newSize) {
        List<NodeId> joined = new ArrayList<>();
        for (NodeId edge : rightEdge(size)) {
            int parentLevel = edge.level() + 1;
            if (parentLevel <= NodeId.MAX_LEVEL && (newSize >> parentLevel) > (size >> parentLevel)) {
                joined.add(edge);
            }
        }
        return joined;
    }
}
