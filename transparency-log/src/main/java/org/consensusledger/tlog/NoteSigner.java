package org.consensusledger.tlog;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs notes (C2SP signed-note) with one named Ed25519 key, as the log signs its checkpoints. The signature
 * covers the UTF-8 bytes of the note text, final newline included.
 */
public final class NoteSigner {

    private final String name;
    private final PrivateKey privateKey;
    private final KeyText.VerifierKey verifierKey;

    /** A signer named {@code name} with a JDK Ed25519 private key. */
    public NoteSigner(String name, PrivateKey privateKey) {
        this(KeyText.signerKey(name, Ed25519.seed(privateKey)));
    }

    /** A signer from a parsed signer key. */
    public NoteSigner(KeyText.SignerKey key) {
        this.name = key.name();
        this.privateKey = Ed25519.privateKey(key.seed());
        this.verifierKey = key.verifierKey();
    }

    /** A signer from skey text ({@code PRIVATE+KEY+<name>+<hex8>+<base64>}). */
    public static NoteSigner fromSignerKey(String skey) {
        return new NoteSigner(KeyText.parseSignerKey(skey));
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return verifierKey.keyId();
    }

    /** The verifier key of this signer, to publish. */
    public KeyText.VerifierKey verifierKey() {
        return verifierKey;
    }

    /** The signed note of {@code text} (which must end in a newline) with this signer's signature. */
    public String sign(String text) {
        return sign(new SignedNote(text, List.of(signature(text)))).format();
    }

    /**
     * The note with this signer's signature added, replacing an earlier signature by the same key (so a
     * cosigner can add its signature to a note signed by others).
     */
    public SignedNote sign(SignedNote note) {
        List<SignedNote.Signature> signatures = new ArrayList<>();
        for (SignedNote.Signature signature : note.signatures()) {
            if (!signature.isBy(name, keyId())) {
                signatures.add(signature);
            }
        }
        signatures.add(signature(note.text()));
        return new SignedNote(note.text(), signatures);
    }

    private SignedNote.Signature signature(String text) {
        NoteText.checkNoteText(text);
        byte[] bytes = Ed25519.sign(privateKey, text.getBytes(StandardCharsets.UTF_8));
        return new SignedNote.Signature(name, keyId(), bytes);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + name + "+" + KeyText.hex8(keyId()) + "]";
    }
}
