package org.consensusledger.verifier;

import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;

import java.util.List;

/**
 * A checkpoint whose signature by the log's key has been verified, with a description of where it came from
 * ("the latest checkpoint", "the checkpoint saved in x.txt"). Reading one: a note or checkpoint text that cannot
 * be parsed is unusable input; a signature that does not verify with the log's key, or an origin that is not the
 * key's name, is a mismatch. {@code note} is the signed note as read, to be remembered verbatim.
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

    static TrustedCheckpoint read(Source source, String description, NoteVerifier logKey)
            throws UnusableInputException, LogMismatch {
        return parse(source.readText(), source.toString(), description, logKey);
    }

    /** A checkpoint given as text ({@code source}: where it was found, for the messages). */
    static TrustedCheckpoint parse(String text, String source, String description, NoteVerifier logKey)
            throws UnusableInputException, LogMismatch {
        SignedNote note;
        try {
            note = SignedNote.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException(description + " (" + source + ") is not a signed note: "
                    + e.getMessage(), e);
        }
        try {
            NoteVerifier.verify(note, List.of(logKey));
        } catch (VerificationException e) {
            throw new LogMismatch(description + " (" + source + ") is not signed by the log's key "
                    + logKey.name() + ": " + e.getMessage());
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
        return new TrustedCheckpoint(checkpoint, description, text);
    }
}
