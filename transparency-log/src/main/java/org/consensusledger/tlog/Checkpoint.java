package org.consensusledger.tlog;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A C2SP checkpoint (https://c2sp.org/tlog-checkpoint): the note text of a signed tree head,
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal&gt;
 * &lt;root hash, base64&gt;
 * [extension lines]
 * </pre>
 * each line ending in a newline. Signing and verifying are the note's business ({@link NoteSigner},
 * {@link NoteVerifier}); this is only the text.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    public Checkpoint {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("checkpoint origin is empty");
        }
        NoteText.checkCharacters(origin, "checkpoint origin");
        if (origin.contains("\n")) {
            throw new IllegalArgumentException("checkpoint origin is more than one line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("checkpoint tree size " + size + " is negative");
        }
        rootHash = Hashes.checked(rootHash, "checkpoint root hash");
        extensions = List.copyOf(extensions == null ? List.of() : extensions);
        for (String extension : extensions) {
            if (extension.isEmpty() || extension.contains("\n")) {
                throw new IllegalArgumentException("checkpoint extension line is empty or more than one line");
            }
            NoteText.checkCharacters(extension, "checkpoint extension line");
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text of this checkpoint (ends in a newline). */
    public String format() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(NoteText.base64(rootHash)).append('\n');
        for (String extension : extensions) {
            text.append(extension).append('\n');
        }
        return text.toString();
    }

    /** Parses checkpoint note text (the text of a signed note, without the blank line and signatures). */
    public static Checkpoint parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("checkpoint is empty");
        }
        NoteText.checkCharacters(text, "checkpoint");
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint does not end in a newline");
        }
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new IllegalArgumentException("checkpoint has " + lines.size()
                    + " lines, needs origin, tree size and root hash");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException("checkpoint line " + (i + 1) + " is empty");
            }
        }
        long size = NoteText.decimal(lines.get(1), "checkpoint tree size");
        byte[] root = NoteText.base64(lines.get(2), "checkpoint root hash");
        if (root.length != MerkleHash.SIZE) {
            throw new IllegalArgumentException("checkpoint root hash has " + root.length + " bytes, not "
                    + MerkleHash.SIZE);
        }
        return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + ", " + HexFormat.of().formatHex(rootHash)
                + (extensions.isEmpty() ? "" : ", " + extensions) + "]";
    }
}
