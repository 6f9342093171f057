package org.consensusledger.tlog;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A C2SP signed note (https://c2sp.org/signed-note): a text ending in a newline, a blank line, and one line per
 * signature, {@code — <key name> <base64(4-byte key id ‖ signature)>}. Parsing checks only the form; nothing in a
 * parsed note is to be trusted before a {@link NoteVerifier} has checked a signature over it.
 */
public record SignedNote(String text, List<Signature> signatures) {

    /** The em dash (U+2014) and space that start every signature line. */
    static final String SIGNATURE_PREFIX = "\u2014 ";
    /** More signatures than this make a note malformed (the spec asks verifiers to accept at least 16). */
    static final int MAX_SIGNATURES = 100;

    public SignedNote {
        NoteText.checkNoteText(text);
        signatures = List.copyOf(signatures);
        if (signatures.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException("note has more than " + MAX_SIGNATURES + " signatures");
        }
    }

    /** One signature line: the key name, the key id, and the signature bytes that follow the key id. */
    public record Signature(String keyName, int keyId, byte[] signature) {

        public Signature {
            NoteText.checkKeyName(keyName);
            if (signature == null || signature.length == 0) {
                throw new IllegalArgumentException("signature of " + keyName + " is empty");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** The signature line, with its final newline. */
        public String line() {
            byte[] bytes = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + NoteText.base64(bytes) + "\n";
        }

        boolean isBy(String name, int id) {
            return keyName.equals(name) && keyId == id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that && keyName.equals(that.keyName) && keyId == that.keyId
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return keyName.hashCode() * 31 + keyId;
        }

        @Override
        public String toString() {
            return line().trim();
        }
    }

    /** The note as text: the text, a blank line, the signature lines. */
    public String format() {
        if (signatures.isEmpty()) {
            throw new IllegalStateException("a signed note needs at least one signature");
        }
        StringBuilder note = new StringBuilder(text).append('\n');
        for (Signature signature : signatures) {
            note.append(signature.line());
        }
        return note.toString();
    }

    /** Parses a note given as bytes, which must be valid UTF-8. */
    public static SignedNote parse(byte[] note) {
        if (note == null) {
            throw new IllegalArgumentException("note is missing");
        }
        return parse(NoteText.utf8(note, "note"));
    }

    /**
     * Parses a signed note. The text is separated from the signatures by the last blank line; there must be at
     * least one signature line and every line after the blank line must be a well-formed signature line.
     */
    public static SignedNote parse(String note) {
        if (note == null) {
            throw new IllegalArgumentException("note is missing");
        }
        NoteText.checkCharacters(note, "note");
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("note has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new IllegalArgumentException("note has no signatures");
        }
        if (!block.endsWith("\n")) {
            throw new IllegalArgumentException("note does not end in a newline");
        }
        List<Signature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new IllegalArgumentException("note has more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    private static Signature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new IllegalArgumentException("signature line does not start with an em dash and a space: \""
                    + line + "\"");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.lastIndexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("signature line has no signature: \"" + line + "\"");
        }
        String name = rest.substring(0, space);
        NoteText.checkKeyName(name);
        byte[] bytes = NoteText.base64(rest.substring(space + 1), "signature of " + name);
        if (bytes.length < 5) {
            throw new IllegalArgumentException("signature of " + name + " is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int keyId = buffer.getInt();
        return new Signature(name, keyId, Arrays.copyOfRange(bytes, 4, bytes.length));
    }
}
