package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * Read access to the stored complete subtrees of the log's Merkle tree (see {@link NodeId}). The storage is
 * somebody else's business (MongoDB in the applications, a map in tests); the tree code only asks for hashes.
 *
 * <p>Proofs and roots ask for all the nodes they need in one {@link #nodes(List)} call, so that a database
 * implementation can answer a whole proof in one query. An implementation must fail (for example with
 * {@link IllegalStateException}) rather than return {@code null} when a node is missing: a missing node means the
 * stored tree is incomplete, and no proof can be built from it.
 */
public interface NodeReader {

    /** The 32-byte hash of the complete subtree at {@code level} and {@code index}. */
    byte[] node(int level, long index);

    /**
     * The hashes of the given nodes, in the same order (ids may repeat). The default reads them one by one;
     * a database implementation should override it with one query.
     */
    default List<byte[]> nodes(List<NodeId> ids) {
        List<byte[]> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            hashes.add(node(id.level(), id.index()));
        }
        return hashes;
    }
}
