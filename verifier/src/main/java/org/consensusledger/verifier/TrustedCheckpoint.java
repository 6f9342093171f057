package org.consensusledger.verifier;

import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;


/**
 * A checkpoint whose signature by the log's key has been verified, with a description of where it came from
 * ("the latest checkpoint", "the checkpoint saved in x.txt"). Reading one: a note or checkpoint text that cannot
 * be parsed is unusable input; a signature that does not verify with the log's key, an origin that is not the
 * key's name, or a checkpoint signed only by a key the log had retired at its size ({@link LogKeys}), is a mismatch.
 * {@code note} is the signed note as read, to be remembered verbatim.
 */
record TrustedCheckpoint(Checkpoint checkpoint, String description, String note) {

    TrustedCheckpoint(Checkpoint checkpoint, String description) {
        this(checkpoint, description, null);
    }

    /** The note with all its signature lines, for the witnesses' cosignatures (WitnessQuorum); null without a note. */
    SignedNote signedNote() {
        return note == null ? null : SignedNote.parse(note);
    }

    long size() {
        return checkpoint.size();
    }

    byte[] root() {
        return checkpoint.rootHash();
    }

    static TrustedCheckpoint read(Source source, String description, LogKeys logKey)
            throws UnusableInputException, LogMismatch {
        return parse(source.readText(), source.toString(), description, logKey);
    }

    /** A checkpoint given as text ({@code source}: where it was found, for the messages). */
    static TrustedCheckpoint parse(String text, String source, String description, LogKeys logKey)
            throws UnusableInputException, LogMismatch {
        String hint = " (if the log's key was rotated, give the key you trusted first, the one older checkpoints are "
                + "signed with, as --vkey: the announcements of the newer keys are followed from it, with --server or "
                + "--key-announcement)";
        SignedNote note;
        try {
            note = SignedNote.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(description + " (" + source + ") is not a signed note: "
                    + e.getMessage(), e);
        }
        try {
            logKey.verify(note);
        } catch (VerificationException e) {
            throw new LogMismatch(description + " (" + source + ") is not signed by the log's key "
                    + logKey.name() + ": " + e.getMessage() + (logKey.rotations() > 0 ? "" : hint));
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(description + " (" + source + ") is not a checkpoint: "
                    + e.getMessage(), e);
        }
        if (!checkpoint.origin().equals(logKey.name())) {
            throw new LogMismatch(description + " (" + source + ") is for the log \"" + checkpoint.origin()
                    + "\", not for \"" + logKey.name() + "\", the name of the key");
        }
        String refused = logKey.refusedAtSize(note, checkpoint.size());
        if (refused != null) {
            throw new LogMismatch(description + " (" + source + ", size " + checkpoint.size() + ") is not signed by "
                    + "the key the log had at that size: " + refused);
        }
        return new TrustedCheckpoint(checkpoint, description, text);
    }
}
