package org.consensusledger.tlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request (https://c2sp.org/tlog-witness):
 * <pre>
 * old &lt;size the log believes the witness last cosigned, decimal&gt;
 * &lt;base64 hash&gt;        (0 to 63 lines: the RFC 6962 consistency proof from the old size to the checkpoint's)
 *
 * &lt;signed checkpoint note&gt;
 * </pre>
 * and the witness's answers: 200 with cosignature lines, 409 with its size (content type {@value #SIZE_CONTENT_TYPE}),
 * and the checks a witness makes once it knows the origin and has verified the log's signature
 * ({@link #check(Checkpoint, long, byte[])}). Parsing checks the form only: nothing here is trusted before the
 * checkpoint's signature is verified.
 */
public record AddCheckpoint(long oldSize, List<byte[]> proof, String signedCheckpoint) {

    /** The most consistency proof lines a request may carry. */
    public static final int MAX_PROOF_LINES = 63;
    /** The content type of a 409 answer: the witness's size in decimal and a newline. */
    public static final String SIZE_CONTENT_TYPE = "text/x.tlog.size";

    public AddCheckpoint {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old size " + oldSize + " is negative");
        }
        proof = Hashes.checked(proof, "consistency proof hash");
        if (proof.size() > MAX_PROOF_LINES) {
            throw new IllegalArgumentException("more than " + MAX_PROOF_LINES + " consistency proof lines");
        }
        SignedNote.parse(signedCheckpoint);
    }

    @Override
    public List<byte[]> proof() {
        List<byte[]> copies = new ArrayList<>(proof.size());
        proof.forEach(hash -> copies.add(hash.clone()));
        return copies;
    }

    /** The signed checkpoint, parsed (its signatures not verified). */
    public SignedNote note() {
        return SignedNote.parse(signedCheckpoint);
    }

    /** The request body. */
    public String format() {
        StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
        for (byte[] hash : proof) {
            body.append(NoteText.base64(hash)).append('\n');
        }
        return body.append('\n').append(signedCheckpoint).toString();
    }

    /** Parses a request body; an {@link IllegalArgumentException} says what is malformed. */
    public static AddCheckpoint parse(byte[] body) {
        if (body == null) {
            throw new IllegalArgumentException("request body is missing");
        }
        return parse(NoteText.utf8(body, "request body"));
    }

    /** Parses a request body given as text. */
    public static AddCheckpoint parse(String body) {
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("request body is empty");
        }
        NoteText.checkCharacters(body, "request body");
        int end = body.indexOf('\n');
        if (end < 0 || !body.startsWith("old ")) {
            throw new IllegalArgumentException("request does not start with an old size line (\"old <size>\")");
        }
        long oldSize = NoteText.decimal(body.substring("old ".length(), end), "old size");
        int position = end + 1;
        List<byte[]> proof = new ArrayList<>();
        while (true) {
            end = body.indexOf('\n', position);
            if (end < 0) {
                throw new IllegalArgumentException("request has no empty line before its checkpoint");
            }
            if (end == position) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new IllegalArgumentException("request has more than " + MAX_PROOF_LINES
                        + " consistency proof lines");
            }
            byte[] hash = NoteText.base64(body.substring(position, end), "consistency proof line " + (proof.size() + 1));
            if (hash.length != MerkleHash.SIZE) {
                throw new IllegalArgumentException("consistency proof line " + (proof.size() + 1) + " has "
                        + hash.length + " bytes, not " + MerkleHash.SIZE);
            }
            proof.add(hash);
            position = end + 1;
        }
        return new AddCheckpoint(oldSize, proof, body.substring(end + 1));
    }

    /**
     * What a witness answers, once it knows the checkpoint's origin and has verified the log's signature on it
     * ({@code 404} and {@code 403} come before), given the size and root of the latest checkpoint it cosigned for that
     * log ({@code 0} and the empty root if none). Answers {@link Verdict#COSIGN} when it may cosign.
     */
    public Verdict check(Checkpoint checkpoint, long cosignedSize, byte[] cosignedRoot) {
        if (oldSize > checkpoint.size()) {
            return Verdict.refuse(400, "old size " + oldSize + " is larger than the checkpoint's size "
                    + checkpoint.size(), false);
        }
        if (oldSize != cosignedSize) {
            return Verdict.conflict(cosignedSize);
        }
        byte[] root = checkpoint.rootHash();
        if (checkpoint.size() == 0 && !Arrays.equals(root, MerkleHash.emptyRoot())) {
            return Verdict.refuse(422, "a checkpoint of size 0 must have the root of the empty tree", false);
        }
        if (oldSize == 0) {
            return proof.isEmpty() ? Verdict.COSIGN
                    : Verdict.refuse(422, "the consistency proof from size 0 must be empty", false);
        }
        if (oldSize == checkpoint.size()) {
            if (!Arrays.equals(root, cosignedRoot)) {
                return Verdict.refuse(422, "split view: this witness cosigned a checkpoint of size " + oldSize
                        + " with root " + NoteText.base64(cosignedRoot) + ", this one has root "
                        + NoteText.base64(root), true);
            }
            return proof.isEmpty() ? Verdict.COSIGN
                    : Verdict.refuse(422, "the consistency proof between equal sizes must be empty", false);
        }
        try {
            MerkleProofs.verifyConsistency(oldSize, checkpoint.size(), proof, cosignedRoot, root);
        } catch (VerificationException e) {
            // Not evidence of a fork: anyone can send a wrong proof with the log's genuine checkpoint.
            return Verdict.refuse(422, "the consistency proof from size " + oldSize + " (the checkpoint this witness "
                    + "cosigned) to size " + checkpoint.size() + " does not verify: " + e.getMessage(), false);
        }
        return Verdict.COSIGN;
    }

    /**
     * A witness's decision: {@code status} 200 to cosign, else the HTTP status of the refusal and a short reason;
     * {@code size} is the witness's size for a 409; {@code inconsistent} when the refusal is evidence of a log showing
     * different histories (a split view): a checkpoint validly signed by the log, of the size the witness cosigned,
     * with another root. A consistency proof that does not verify is not such evidence (a bad proof sent with the
     * log's genuine checkpoint cannot be told from a fork), so it is a plain 422.
     */
    public record Verdict(int status, String reason, long size, boolean inconsistent) {

        public static final Verdict COSIGN = new Verdict(200, "cosigned", -1, false);

        static Verdict refuse(int status, String reason, boolean inconsistent) {
            return new Verdict(status, reason, -1, inconsistent);
        }

        static Verdict conflict(long size) {
            return new Verdict(409, "the witness's latest cosigned checkpoint is of size " + size, size, false);
        }

        public boolean cosign() {
            return status == 200;
        }
    }

    /** The body of a 409 answer: the size in decimal and a newline. */
    public static String formatSize(long size) {
        return size + "\n";
    }

    /** Parses the body of a 409 answer. */
    public static long parseSize(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("size answer does not end in a newline");
        }
        return NoteText.decimal(body.substring(0, body.length() - 1), "witness size");
    }

    /** The body of a 200 answer: one signature line each, each ending in a newline. */
    public static String formatCosignatures(List<SignedNote.Signature> cosignatures) {
        StringBuilder body = new StringBuilder();
        cosignatures.forEach(cosignature -> body.append(cosignature.line()));
        return body.toString();
    }

    /** Parses the body of a 200 answer: one or more note signature lines. */
    public static List<SignedNote.Signature> parseCosignatures(String body) {
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("the witness answered no cosignature");
        }
        // A note with a placeholder text parses the lines as signed-note does, with its limits.
        return SignedNote.parse("cosignatures\n\n" + body).signatures();
    }
}
