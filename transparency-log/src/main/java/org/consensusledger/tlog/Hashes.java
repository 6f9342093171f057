package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.List;

/** Checks and copies of 32-byte hashes, shared by the classes of this package. */
final class Hashes {

    private Hashes() {
    }

    /** A copy of {@code hash}, or an {@link IllegalArgumentException} if it is not 32 bytes. */
    static byte[] checked(byte[] hash, String what) {
        if (hash == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (hash.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException(
                    what + " has " + hash.length + " bytes, not " + MerkleHash.SIZE);
        }
        return hash.clone();
    }

    /** Copies of every hash of a list, each checked to be 32 bytes. */
    static List<byte[]> checked(List<byte[]> hashes, String what) {
        if (hashes == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        List<byte[]> copies = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            copies.add(checked(hashes.get(i), what + "[" + i + "]"));
        }
        return List.copyOf(copies);
    }
}
