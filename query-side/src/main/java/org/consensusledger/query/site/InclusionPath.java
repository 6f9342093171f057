package org.consensusledger.query.site;

import org.consensusledger.tlog.MerkleHash;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An inclusion proof as an auditor recomputes it (RFC 9162 §2.1.3.2, docs/audit.md "Inclusion"): from the leaf
 * hash, each hash of the proof is combined with the hash so far, on its left or on its right, and the last result
 * must be the checkpoint's root. Made for the proof page, which shows every step.
 */
record InclusionPath(List<Step> steps, String root, boolean reachesRoot) {

    /** One step: the proof's hash, whether it stands on the left, and the hash so far after it (base64). */
    record Step(int number, String sibling, boolean siblingOnTheLeft, String result) {
    }

    static InclusionPath of(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        List<Step> steps = new ArrayList<>(proof.size());
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] c : proof) {
            boolean left = (fn & 1) == 1 || fn == sn;
            if (left) {
                r = MerkleHash.nodeHash(c, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHash.nodeHash(r, c);
            }
            fn >>= 1;
            sn >>= 1;
            steps.add(new Step(steps.size() + 1, base64(c), left, base64(r)));
        }
        return new InclusionPath(steps, base64(root), sn == 0 && MessageDigest.isEqual(r, root));
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
