package org.consensusledger.tlog;

import java.util.Arrays;
import java.util.HexFormat;

/** A stored complete subtree: its {@link NodeId} and its 32-byte hash. */
public record MerkleNode(NodeId id, byte[] hash) {

    public MerkleNode {
        if (id == null) {
            throw new IllegalArgumentException("node id is missing");
        }
        hash = Hashes.checked(hash, "hash of node " + id);
    }

    public int level() {
        return id.level();
    }

    public long index() {
        return id.index();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MerkleNode node && id.equals(node.id) && Arrays.equals(hash, node.hash);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "MerkleNode" + id + " " + HexFormat.of().formatHex(hash);
    }
}
