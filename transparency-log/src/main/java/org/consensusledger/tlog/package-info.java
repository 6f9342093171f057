/**
 * The pure building blocks of the ledger's transparency log: the RFC 6962 / RFC 9162 Merkle tree over the event
 * log (leaf and node hashing, a tree stored as complete subtrees, roots and proofs of any past size, and their
 * verification), and the C2SP text formats around it (signed notes, checkpoints, tlog proofs).
 *
 * <p>Nothing here stores anything or knows about Spring or MongoDB: the stored nodes are read through
 * {@link org.consensusledger.tlog.NodeReader}, and new nodes are handed back by
 * {@link org.consensusledger.tlog.MerkleAppender} for the caller to store. The formats are described for auditors
 * (and for anyone reimplementing the verifier) in {@code docs/audit.md}.
 */
package org.consensusledger.tlog;
