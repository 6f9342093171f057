package org.consensusledger.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 hashing (SHA-256 with domain separation): a leaf is hashed with a {@code 0x00} prefix and an interior
 * node with a {@code 0x01} prefix, so that no leaf can be passed off as a node or the other way round (a second
 * pre-image attack on the tree). The root of the empty tree is the SHA-256 of nothing.
 *
 * <p>Thread-safe: each thread reuses its own {@link MessageDigest}, so hashing a large batch of nodes allocates
 * only the 32-byte results.
 */
public final class MerkleHash {

    /** The size of every hash in the tree, in bytes. */
    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHash::newSha256);

    private MerkleHash() {
    }

    /** SHA-256(0x00 ‖ data): the hash of one leaf, the level-0 node of the tree. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(LEAF_PREFIX);
        return digest.digest(data);
    }

    /** SHA-256(0x01 ‖ left ‖ right): the hash of an interior node from its two children. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(NODE_PREFIX);
        digest.update(left);
        return digest.digest(right);
    }

    /** SHA-256 of the empty string: the root of the tree with no leaves. */
    public static byte[] emptyRoot() {
        return sha256(new byte[0]);
    }

    /** Plain SHA-256, for key ids and the like. */
    static byte[] sha256(byte[] data) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(data);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
