package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A C2SP tlog proof (https://c2sp.org/tlog-proof): an offline-verifiable proof that one entry is in the log, made
 * of the entry's index, its inclusion proof and the signed checkpoint the proof is against:
 * <pre>
 * c2sp.org/tlog-proof@v1
 * [extra &lt;base64&gt;]
 * index &lt;decimal&gt;
 * &lt;base64 hash&gt;          (zero or more: the inclusion proof, from the leaf's sibling up)
 *
 * &lt;signed checkpoint note, verbatim&gt;
 * </pre>
 * The extra data is not authenticated; it may help a verifier recompute the leaf, nothing more.
 */
public record TlogProof(byte[] extra, long index, List<byte[]> inclusionProof, String signedCheckpoint) {

    /** The first line of every tlog proof. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    public TlogProof {
        extra = extra == null ? null : extra.clone();
        if (index < 0) {
            throw new IllegalArgumentException("tlog proof index " + index + " is negative");
        }
        inclusionProof = Hashes.checked(inclusionProof, "tlog proof hash");
        SignedNote.parse(signedCheckpoint);
    }

    /** A proof without extra data. */
    public TlogProof(long index, List<byte[]> inclusionProof, String signedCheckpoint) {
        this(null, index, inclusionProof, signedCheckpoint);
    }

    @Override
    public byte[] extra() {
        return extra == null ? null : extra.clone();
    }

    /** The inclusion proof hashes (copies). */
    @Override
    public List<byte[]> inclusionProof() {
        List<byte[]> copies = new ArrayList<>(inclusionProof.size());
        for (byte[] hash : inclusionProof) {
            copies.add(hash.clone());
        }
        return copies;
    }

    /** The proof as text. */
    public String format() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        if (extra != null) {
            text.append("extra ").append(NoteText.base64(extra)).append('\n');
        }
        text.append("index ").append(index).append('\n');
        for (byte[] hash : inclusionProof) {
            text.append(NoteText.base64(hash)).append('\n');
        }
        return text.append('\n').append(signedCheckpoint).toString();
    }

    /** Parses a tlog proof; the checkpoint is only checked to be a well-formed signed note. */
    public static TlogProof parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("tlog proof is missing");
        }
        int position = 0;
        String line = line(text, position, "header");
        if (!line.equals(HEADER)) {
            throw new IllegalArgumentException("tlog proof does not start with " + HEADER);
        }
        position += line.length() + 1;
        byte[] extra = null;
        line = line(text, position, "index");
        if (line.startsWith("extra ")) {
            extra = NoteText.base64(line.substring("extra ".length()), "tlog proof extra data");
            position += line.length() + 1;
            line = line(text, position, "index");
        }
        if (!line.startsWith("index ")) {
            throw new IllegalArgumentException("tlog proof has no index line");
        }
        long index = NoteText.decimal(line.substring("index ".length()), "tlog proof index");
        position += line.length() + 1;
        List<byte[]> hashes = new ArrayList<>();
        while (!(line = line(text, position, "blank line before the checkpoint")).isEmpty()) {
            byte[] hash = NoteText.base64(line, "tlog proof hash " + hashes.size());
            if (hash.length != MerkleHash.SIZE) {
                throw new IllegalArgumentException("tlog proof hash " + hashes.size() + " has " + hash.length
                        + " bytes, not " + MerkleHash.SIZE);
            }
            hashes.add(hash);
            position += line.length() + 1;
        }
        position += 1;
        return new TlogProof(extra, index, hashes, text.substring(position));
    }

    /** The checkpoint text of the signed checkpoint (not verified). */
    public Checkpoint checkpoint() {
        return Checkpoint.parse(SignedNote.parse(signedCheckpoint).text());
    }

    /**
     * Verifies the proof for {@code leafHash} against the log's key: the checkpoint must be signed by
     * {@code logKey}, its origin must be the key's name, and the inclusion proof must lead from the leaf to the
     * checkpoint's root. Returns the verified checkpoint.
     */
    public Checkpoint verify(byte[] leafHash, NoteVerifier logKey) throws VerificationException {
        return verify(leafHash, logKey, logKey.name());
    }

    /** As {@link #verify(byte[], NoteVerifier)}, for a log whose origin differs from its key name. */
    public Checkpoint verify(byte[] leafHash, NoteVerifier logKey, String origin) throws VerificationException {
        SignedNote note = logKey.verify(signedCheckpoint);
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("signed checkpoint is malformed: " + e.getMessage(), e);
        }
        if (!checkpoint.origin().equals(origin)) {
            throw new VerificationException("checkpoint origin is \"" + checkpoint.origin() + "\", not \""
                    + origin + "\"");
        }
        MerkleProofs.verifyInclusion(index, checkpoint.size(), leafHash, inclusionProof, checkpoint.rootHash());
        return checkpoint;
    }

    private static String line(String text, int position, String what) {
        int end = text.indexOf('\n', position);
        if (end < 0) {
            throw new IllegalArgumentException("tlog proof ends before its " + what);
        }
        return text.substring(position, end);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TlogProof that) || index != that.index || !Arrays.equals(extra, that.extra)
                || !signedCheckpoint.equals(that.signedCheckpoint)
                || inclusionProof.size() != that.inclusionProof.size()) {
            return false;
        }
        for (int i = 0; i < inclusionProof.size(); i++) {
            if (!Arrays.equals(inclusionProof.get(i), that.inclusionProof.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + signedCheckpoint.hashCode();
    }

    @Override
    public String toString() {
        return "TlogProof[index " + index + ", " + inclusionProof.size() + " hashes, "
                + signedCheckpoint.lines().findFirst().orElse("") + "]";
    }
}
