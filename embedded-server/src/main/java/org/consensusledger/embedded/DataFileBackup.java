package org.consensusledger.embedded;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A consistent copy of the embedded server's data file, taken while the server runs ({@link OnlineBackup}, asked
 * for over the wire with {@link #COMMAND}) or from a stopped ledger's file, and the check that a copy opens as a
 * data file with every entry readable.
 * <p>
 * How a running store is copied is what H2's own online backup does ({@code SingleFileStore.backup}: stop reusing
 * free space, copy the file from its beginning), made exact: everything applied so far is committed, then under
 * MVStore's store lock (no commit runs meanwhile) the store stops reusing space, and the file's length and its two
 * header blocks are read. From then on every commit appends after that length, so the rest of that prefix does not
 * change while it is copied, without holding any lock: writes go on meanwhile. The version copied is registered as in
 * use meanwhile, so that none of its chunks is freed (MVStore's own way of keeping a version readable). Compaction is
 * held off while copying ({@link OnlineBackup#unlessCopying}), and space is reused again afterwards.
 */
public final class DataFileBackup {

    /**
     * The wire command a running embedded server answers: {@code {consensusLedgerBackup: "start"}} starts a copy into
     * the data directory's {@code backups} folder and answers its {@code id}; {@code {consensusLedgerBackup:
     * "status", id: …}} answers its {@code state} ({@code copying}, {@code done} or {@code failed}) and, once done,
     * {@code file}, {@code size}, {@code sha256}, {@code version} and {@code entries}; {@code failed} comes with an
     * {@code error} in words.
     */
    public static final String COMMAND = "consensusLedgerBackup";
    /** The folder beside the data file that a running server writes its copies into. */
    public static final String BACKUPS_FOLDER = "backups";

    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** MVStore's file header: two blocks of 4096 bytes, rewritten in place (FileStore.BLOCK_SIZE, not public). */
    private static final int HEADER_LENGTH = 2 * 4096;
    private static final int PIECE = 1024 * 1024;

    private DataFileBackup() {
    }

    /**
     * What a copy holds.
     *
     * @param size    bytes
     * @param sha256  of the file's bytes, in hex
     * @param version the MVStore version the copy opens at
     * @param entries entries read from all its maps when it was checked
     */
    public record Copy(Path file, long size, String sha256, long version, long entries) {
    }

    /**
     * Copies a stopped ledger's data file to {@code target} (which must not exist) and checks the copy. The file is
     * opened read-only meanwhile, so a ledger cannot start on it until this is done; a running ledger holds it, and
     * then this fails: back it up through the running server.
     */
    public static Copy copyStopped(Path dataFile, Path target) {
        if (!Files.isRegularFile(dataFile)) {
            throw new IllegalStateException("There is no data file at " + dataFile.toAbsolutePath());
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(dataFile.toString()).readOnly().open();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot open " + dataFile.toAbsolutePath() + " (a running ledger holds it"
                                                    + " locked: back it up through the running ledger): "
                                                    + e.getMessage(), e);
        }
        try {
            return copy(store, () -> { }, target);
        } finally {
            store.close();
        }
    }

    /**
     * Copies {@code store}'s file to {@code target} (which must not exist; created its owner's only) as it is once
     * {@code commitPending} has run, while the store stays open for writes, and checks the copy opens.
     */
    static Copy copy(MVStore store, Runnable commitPending, Path target) {
        commitPending.run();
        Snapshot snapshot = snapshot(store);
        String sha256;
        try {
            sha256 = copyPrefix(store, snapshot, target);
        } finally {
            if (!store.isClosed()) {
                store.deregisterVersionUsage(snapshot.inUse());
                runUnderStoreLock(store, () -> {
                    store.setReuseSpace(snapshot.reusedSpace());
                    return null;
                });
            }
        }
        Copy checked = check(target);
        if (checked.version() < snapshot.version()) {
            throw new IllegalStateException("The copy " + target + " opens at version " + checked.version()
                                                    + ", older than the file's " + snapshot.version()
                                                    + " when it was taken");
        }
        return new Copy(target, snapshot.length(), sha256, checked.version(), checked.entries());
    }

    /**
     * Opens {@code file} read-only with the types the server gives each map (documents as BSON, index maps the file
     * records as converted with the compact key type, every other map, an index map of a file from before the
     * compact keys included, with H2's generic type) and reads every entry of every map; fails if any cannot be read.
     * Nothing is converted or written: the file may be a backup of a ledger that has not been converted yet.
     */
    @SuppressWarnings("unchecked")
    public static Copy check(Path file) {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The copy " + file + " does not open as a data file: " + e.getMessage(),
                                            e);
        }
        try {
            long version = store.getCurrentVersion();
            long entries = 0;
            for (String name : store.getMapNames()) {
                MVMap<?, ?> map = IndexKeyFormat.openAsStored(store, name);
                for (Iterator<?> keys = map.keyIterator(null); keys.hasNext(); ) {
                    Object key = keys.next();
                    map.get(key);
                    entries++;
                }
            }
            return new Copy(file, Files.size(file), null, version, entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The copy " + file + " opens, but not every entry in it reads: "
                                                    + e.getMessage(), e);
        } finally {
            store.close();
        }
    }

    /** SHA-256 of a file's bytes, in hex. */
    public static String sha256(Path file) {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(PIECE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file's length and header, read while no commit runs, after which the store appends only. */
    private record Snapshot(long length, byte[] header, long version, boolean reusedSpace,
                            MVStore.TxCounter inUse) {
    }

    private static Snapshot snapshot(MVStore store) {
        return runUnderStoreLock(store, () -> {
            boolean reused = store.isSpaceReused();
            store.setReuseSpace(false);
            FileStore<?> file = store.getFileStore();
            long length = file.size();
            ByteBuffer header = file.readFully(null, 0, (int) Math.min(HEADER_LENGTH, length));
            // The snapshot's version stays in use until the copy is done: no chunk it needs is freed meanwhile (with
            // space not reused, a freed chunk at the end of the file could be written over by a later commit).
            MVStore.TxCounter inUse = store.registerVersionUsage();
            return new Snapshot(length, header.array(), store.getCurrentVersion(), reused, inUse);
        });
    }

    /**
     * Runs {@code action} under MVStore's store lock, where no commit runs. MVStore closes itself when the action
     * throws, so what it throws is caught there and thrown here instead.
     */
    private static <T> T runUnderStoreLock(MVStore store, java.util.function.Supplier<T> action) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        store.executeFilestoreOperation(() -> {
            try {
                result.set(action.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static String copyPrefix(MVStore store, Snapshot snapshot, Path target) {
        MessageDigest digest = sha256();
        FileStore<?> source = store.getFileStore();
        try (FileChannel out = createOwnerOnly(target)) {
            write(out, ByteBuffer.wrap(snapshot.header()), digest);
            for (long position = snapshot.header().length; position < snapshot.length(); position += PIECE) {
                int length = (int) Math.min(PIECE, snapshot.length() - position);
                write(out, source.readFully(null, position, length), digest);
            }
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the copy " + target, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void write(FileChannel out, ByteBuffer bytes, MessageDigest digest) throws IOException {
        digest.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static FileChannel createOwnerOnly(Path target) throws IOException {
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                                    PosixFilePermissions.asFileAttribute(OWNER_FILE));
        }
        return FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
