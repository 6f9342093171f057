package org.consensusledger.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A log's new signing key, announced in a checkpoint signed by the key it replaces: the checkpoint carries the
 * extension line {@code key <new verifier key>} and is signed by the old key and by the new one. A reader that trusts
 * the old key trusts the new one through such a checkpoint only: signed by a key it trusts (the announcement is the
 * old key's word), and by the new key (whoever announced it holds it), which is named after the log's origin.
 * A checkpoint signed by the new key alone announces nothing. (docs/audit.md, Key rotation.)
 */
public final class KeyAnnouncement {

    /** The extension line's keyword and the space after it. */
    public static final String PREFIX = "key ";

    private KeyAnnouncement() {
    }

    /** The extension line announcing {@code key}: {@code key <name>+<hex8>+<base64>}. */
    public static String line(KeyText.VerifierKey key) {
        return PREFIX + key.format();
    }

    /**
     * Signs the checkpoint that announces {@code next}'s key: {@code checkpoint}'s lines with the {@code key} line
     * after its extension lines, signed by {@code current} (first) and by {@code next}.
     */
    public static String sign(Checkpoint checkpoint, NoteSigner current, NoteSigner next) {
        if (!current.name().equals(checkpoint.origin()) || !next.name().equals(checkpoint.origin())) {
            throw new IllegalArgumentException("both keys must be named after the origin " + checkpoint.origin());
        }
        List<String> extensions = new ArrayList<>(checkpoint.extensions());
        extensions.add(line(next.verifierKey()));
        String text = new Checkpoint(checkpoint.origin(), checkpoint.size(), checkpoint.rootHash(), extensions)
                .format();
        return next.sign(current.sign(new SignedNote(text, List.of()))).format();
    }

    /** The keys a checkpoint's {@code key} lines name (none for an ordinary checkpoint); malformed ones refused. */
    public static List<KeyText.VerifierKey> announced(Checkpoint checkpoint) {
        List<KeyText.VerifierKey> keys = new ArrayList<>();
        for (String extension : checkpoint.extensions()) {
            if (extension.startsWith(PREFIX)) {
                keys.add(KeyText.parseVerifierKey(extension.substring(PREFIX.length())));
            }
        }
        return keys;
    }

    /** A valid announcement: the checkpoint, the key that signed it and was trusted, and the key it announces. */
    public record Followed(Checkpoint checkpoint, KeyText.VerifierKey by, KeyText.VerifierKey announced) {
    }

    /**
     * Follows an announcement: {@code signedNote} must be a checkpoint with exactly one {@code key} line, signed by
     * one of the {@code trusted} keys and by the key it announces, which must be named as the checkpoint's origin.
     */
    public static Followed follow(String signedNote, Collection<KeyText.VerifierKey> trusted)
            throws VerificationException {
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(signedNote);
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("the key announcement is not a signed checkpoint: " + e.getMessage(), e);
        }
        List<KeyText.VerifierKey> announced;
        try {
            announced = announced(checkpoint);
        } catch (IllegalArgumentException e) {
            throw new VerificationException("the key announcement's key line is malformed: " + e.getMessage(), e);
        }
        if (announced.size() != 1) {
            throw new VerificationException("the checkpoint of size " + checkpoint.size() + " has " + announced.size()
                    + " key lines; an announcement has exactly one");
        }
        KeyText.VerifierKey next = announced.get(0);
        if (!next.name().equals(checkpoint.origin())) {
            throw new VerificationException("the announced key " + next.format() + " is not named after the log's "
                    + "origin " + checkpoint.origin());
        }
        KeyText.VerifierKey by = null;
        for (KeyText.VerifierKey key : trusted) {
            if (key.name().equals(checkpoint.origin()) && signs(note, key)) {
                by = key;
                break;
            }
        }
        if (by == null) {
            throw new VerificationException("the announcement of key " + next.format() + " (checkpoint of size "
                    + checkpoint.size() + ") is not signed by a key already trusted (" + labels(trusted) + ")");
        }
        if (!signs(note, next)) {
            throw new VerificationException("the announcement of key " + next.format() + " (checkpoint of size "
                    + checkpoint.size() + ") is not signed by that key");
        }
        return new Followed(checkpoint, by, next);
    }

    /** Whether the note has a signature line of {@code key} that verifies (one that does not rejects the note). */
    private static boolean signs(SignedNote note, KeyText.VerifierKey key) throws VerificationException {
        NoteVerifier verifier = new NoteVerifier(key);
        byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (SignedNote.Signature signature : note.signatures()) {
            if (signature.isBy(key.name(), key.keyId())) {
                if (!verifier.verifySignature(message, signature.signature())) {
                    throw new VerificationException("invalid signature for key " + key.format());
                }
                found = true;
            }
        }
        return found;
    }

    private static String labels(Collection<KeyText.VerifierKey> keys) {
        List<String> labels = new ArrayList<>();
        keys.forEach(key -> labels.add(key.name() + "+" + KeyText.hex8(key.keyId())));
        return String.join(", ", labels);
    }
}
