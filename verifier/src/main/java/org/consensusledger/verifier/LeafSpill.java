package org.consensusledger.verifier;

import org.consensusledger.tlog.CompactRange;
import org.consensusledger.tlog.MerkleHash;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The export's leaf hashes, 32 bytes each in log order, in a temporary file (readable by its owner only, removed on
 * {@link #close()}), so that the root of the export at any size can be recomputed after the export was read without
 * keeping the leaves in memory (docs/audit.md "The verifier's memory": the checkpoints recorded in minutes are of
 * sizes already passed when they are read). It costs 32 bytes of disk per event and, only when such roots are asked
 * for, one more pass over the file folding the leaves into a {@link CompactRange} (no JSON, no leaf hashing).
 */
final class LeafSpill implements AutoCloseable {

    private static final int HASH = 32;

    private final Path file;
    private final OutputStream out;
    private long count;
    private IOException failure;

    LeafSpill() throws UnusableInputException {
        try {
            file = Files.createTempFile("verifier-leaves-", ".bin");
            file.toFile().deleteOnExit();
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UnusableInputException("cannot create a temporary file for the export's leaf hashes in "
                    + System.getProperty("java.io.tmpdir") + " (32 bytes per event; -Djava.io.tmpdir=<dir> puts it "
                    + "elsewhere): " + Source.describe(e), e);
        }
    }

    /**
     * Appends the next leaf hash. A write that fails (a full disk) is remembered and said by {@link #roots} when a
     * root is asked for: a run that needs none is not refused for it.
     */
    void append(byte[] leafHash) {
        if (failure != null) {
            return;
        }
        try {
            out.write(leafHash, 0, HASH);
            count++;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** The export's root at each of {@code sizes} (each at most the number of leaves appended), in one pass. */
    Map<Long, byte[]> roots(NavigableSet<Long> sizes) throws UnusableInputException {
        Map<Long, byte[]> roots = new HashMap<>();
        if (sizes.isEmpty()) {
            return roots;
        }
        if (failure != null) {
            throw new UnusableInputException("cannot write the export's leaf hashes to " + file + " (32 bytes per "
                    + "event; -Djava.io.tmpdir=<dir> puts them elsewhere), so the checkpoints recorded in minutes "
                    + "cannot be compared with the export: " + Source.describe(failure), failure);
        }
        if (sizes.last() > count) {
            throw new IllegalArgumentException("size " + sizes.last() + " is beyond the " + count + " leaves");
        }
        NavigableSet<Long> pending = new TreeSet<>(sizes);
        CompactRange range = new CompactRange();
        if (pending.first() == 0) {
            roots.put(pending.pollFirst(), MerkleHash.emptyRoot());
        }
        try {
            out.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                                                                                  1 << 16))) {
                while (!pending.isEmpty()) {
                    byte[] leaf = new byte[HASH];
                    in.readFully(leaf);
                    range.append(leaf);
                    if (range.size() == pending.first()) {
                        roots.put(pending.pollFirst(), range.root());
                    }
                }
            }
        } catch (IOException e) {
            throw new UnusableInputException("cannot read back the export's leaf hashes from " + file + ": "
                    + Source.describe(e), e);
        }
        return roots;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing was lost that a verdict rests on: the file is removed below
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleteOnExit removes it
        }
    }
}
