package org.consensusledger.tlog;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;

/**
 * Verifies signed notes (C2SP signed-note) against one Ed25519 verifier key. Signatures by other keys (another
 * name or another key id) are ignored, as the spec requires, so that witnesses can cosign a note; a signature by
 * this key that does not verify rejects the whole note, and so does a note without one.
 */
public final class NoteVerifier {

    private final KeyText.VerifierKey key;
    private final PublicKey publicKey;

    /** A verifier from vkey text ({@code <name>+<hex8 key id>+<base64(0x01 ‖ public key)>}). */
    public NoteVerifier(String vkey) {
        this(KeyText.parseVerifierKey(vkey));
    }

    public NoteVerifier(KeyText.VerifierKey key) {
        this.key = key;
        this.publicKey = Ed25519.publicKey(key.publicKey());
    }

    public String name() {
        return key.name();
    }

    public int keyId() {
        return key.keyId();
    }

    public KeyText.VerifierKey verifierKey() {
        return key;
    }

    /** Whether {@code signature} (64 bytes, without the key id) is this key's signature of {@code message}. */
    public boolean verifySignature(byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }

    /**
     * Parses and verifies a signed note; returns it (with all its signatures) when it carries a valid signature by
     * this key and no invalid one.
     */
    public SignedNote verify(String signedNote) throws VerificationException {
        return verify(signedNote, List.of(this));
    }

    /**
     * Parses and verifies a signed note against several keys: every signature by one of them must verify, and at
     * least one must be present. Signatures by other keys are ignored.
     */
    public static SignedNote verify(String signedNote, List<NoteVerifier> verifiers) throws VerificationException {
        SignedNote note;
        try {
            note = SignedNote.parse(signedNote);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("malformed note: " + e.getMessage(), e);
        }
        verify(note, verifiers);
        return note;
    }

    /** Verifies a parsed note: see {@link #verify(String, List)}. */
    public static void verify(SignedNote note, List<NoteVerifier> verifiers) throws VerificationException {
        byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
        boolean verified = false;
        for (SignedNote.Signature signature : note.signatures()) {
            for (NoteVerifier verifier : verifiers) {
                if (signature.isBy(verifier.name(), verifier.keyId())) {
                    if (!verifier.verifySignature(message, signature.signature())) {
                        throw new VerificationException("invalid signature for key " + verifier.label());
                    }
                    verified = true;
                }
            }
        }
        if (!verified) {
            StringBuilder keys = new StringBuilder();
            for (NoteVerifier verifier : verifiers) {
                keys.append(keys.length() == 0 ? "" : ", ").append(verifier.label());
            }
            throw new VerificationException("note has no signature by a known key (" + keys + ")");
        }
    }

    private String label() {
        return key.name() + "+" + KeyText.hex8(key.keyId());
    }

    @Override
    public String toString() {
        return "NoteVerifier[" + key.format() + "]";
    }
}
