package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link NodeReader} over a map, counting what is read and refusing to overwrite a node with another hash. */
final class InMemoryNodes implements NodeReader {

    private final Map<NodeId, byte[]> nodes = new HashMap<>();
    private long size;
    int nodeReads;
    int bulkCalls;

    /** Appends leaf hashes through {@link MerkleAppender} and stores what it returns. */
    MerkleAppender.Result append(List<byte[]> leafHashes) {
        MerkleAppender.Result result = MerkleAppender.append(size, this, leafHashes);
        store(result.nodes());
        size = result.newSize();
        return result;
    }

    void store(List<MerkleNode> stored) {
        for (MerkleNode node : stored) {
            byte[] previous = nodes.putIfAbsent(node.id(), node.hash());
            if (previous != null && !java.util.Arrays.equals(previous, node.hash())) {
                throw new AssertionError("node " + node.id() + " stored twice with different hashes");
            }
        }
    }

    long size() {
        return size;
    }

    int nodeCount() {
        return nodes.size();
    }

    MerkleTree tree() {
        return new MerkleTree(this, size);
    }

    void resetCounters() {
        nodeReads = 0;
        bulkCalls = 0;
    }

    @Override
    public byte[] node(int level, long index) {
        nodeReads++;
        byte[] hash = nodes.get(new NodeId(level, index));
        if (hash == null) {
            throw new IllegalStateException("no node " + new NodeId(level, index));
        }
        return hash.clone();
    }

    @Override
    public List<byte[]> nodes(List<NodeId> ids) {
        bulkCalls++;
        List<byte[]> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            hashes.add(node(id.level(), id.index()));
        }
        return hashes;
    }
}
