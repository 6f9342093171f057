package org.consensusledger.launcher;

import org.consensusledger.tlog.KeyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the ledger's signing keys live: a directory of their own beside the data directory ({@code keys}, or
 * {@code --keys}), owner-only ({@code rwx------}, every key {@code rw-------}), so that the keys are not in the folder
 * that holds the database, is copied with it and is handed to whoever runs it. It holds the checkpoint signing key
 * (the query side's {@code ledger.audit.key-file}), the command side's receipt key ({@code ledger.receipts.key-file}),
 * a checkpoint key prepared by {@code rotate-key} ({@code checkpoint-signing.key.next}) and the keys a rotation retired
 * ({@code checkpoint-signing.key.retired-<key id>}), and the origin of the log whose keys they are ({@code log-origin},
 * {@link LogOrigin}: one keys directory per ledger). A key that others may read is refused at start.
 */
final class KeysDirectory {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeysDirectory.class);

    /** The query side's checkpoint signing key (C2SP signer key named after the log's origin). */
    static final String CHECKPOINT_KEY = "checkpoint-signing.key";
    /** The command side's receipt key (part receipts: property {@code ledger.receipts.key-file}). */
    static final String RECEIPT_KEY = "receipt-signing.key";
    /** A checkpoint key prepared by {@code rotate-key}, announced by the query side at its next start. */
    static final String NEXT_CHECKPOINT_KEY = CHECKPOINT_KEY + ".next";
    /** The files of this directory a backup takes: the keys, prepared and retired ones included. */
    private static final Pattern KEY_FILE = Pattern.compile("[A-Za-z0-9_-]+\\.key(\\.next|\\.retired-[0-9a-f]{8})?");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    private KeysDirectory() {
    }

    /** The keys directory of a ledger: {@code given}, else {@code keys} beside the data directory. */
    static Path of(Path given, Path dataDirectory) {
        if (given != null) {
            return given;
        }
        Path data = dataDirectory.toAbsolutePath().normalize();
        return data.getParent() == null ? data.resolve("keys") : data.resolveSibling("keys");
    }

    /** A key file of this directory that the launcher knows (not staging or other files). */
    static boolean isKeyFile(String name) {
        return KEY_FILE.matcher(name).matches();
    }

    /** The key files in {@code keys}, by name. */
    static List<String> keyFiles(Path keys) throws IOException {
        if (!Files.isDirectory(keys)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(keys)) {
            return entries.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                          .map(path -> path.getFileName().toString()).filter(KeysDirectory::isKeyFile).sorted()
                          .toList();
        }
    }

    /**
     * Makes {@code keys} ready for a start: created or tightened owner-only, a key of the earlier layout moved out of
     * the data directory into it, and every key in it checked to be its owner's alone.
     *
     * @throws IllegalStateException saying what to do, when a key is open to others or two different checkpoint keys
     *                               are found
     */
    static void prepare(Path keys, Path dataDirectory) throws IOException {
        DataDirectory.ownerOnly(keys, "keys directory");
        migrate(dataDirectory.resolve(CHECKPOINT_KEY), keys.resolve(CHECKPOINT_KEY));
        for (String name : keyFiles(keys)) {
            refuseIfOthersCanAccess(keys.resolve(name));
        }
    }

    /**
     * Moves the checkpoint key of the earlier layout ({@code <data>/checkpoint-signing.key}) to the keys directory:
     * renamed where both are on one file system, else copied owner-only, synced, renamed into place and only then
     * removed from the data directory. A key already in the keys directory with the same bytes makes the old copy
     * redundant (an interrupted move); a different one stops the start, as nobody can tell which signs the log.
     */
    static void migrate(Path old, Path target) throws IOException {
        if (!Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Arrays.equals(Files.readAllBytes(old), Files.readAllBytes(target))) {
                Files.delete(old);
                LOGGER.warn("Removed {}: the same checkpoint signing key is in {}", old.toAbsolutePath(),
                            target.toAbsolutePath());
                return;
            }
            throw new IllegalStateException("There are two different checkpoint signing keys, " + old.toAbsolutePath()
                    + " (where the launcher kept it before) and " + target.toAbsolutePath() + ": the ledger cannot "
                    + "tell which one signs its log. Keep the one whose verifier key auditors know (java -jar "
                    + "consensus-ledger.jar key --keys <dir> shows it) in " + target.getParent().toAbsolutePath()
                    + " and move the other out of both directories, then start again");
        }
        refuseIfOthersCanAccess(old);
        try {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherDisk) {
            Path moving = target.resolveSibling(target.getFileName() + ".moving");
            Files.deleteIfExists(moving);
            BackupManifest.copyOwnerOnly(old, moving);
            try (FileChannel channel = FileChannel.open(moving, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(moving, target, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(old);
        }
        syncDirectory(target.getParent());
        LOGGER.warn("Moved the checkpoint signing key from the data directory ({}) to the keys directory ({}): signing "
                            + "keys are no longer kept beside the database (docs/operations.md, The keys directory)",
                    old.toAbsolutePath(), target.toAbsolutePath());
    }

    /** Refuses a key file that anyone but its owner may read or change, with the command that fixes it. */
    static void refuseIfOthersCanAccess(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(permission -> !OWNER.contains(permission))) {
            throw new IllegalStateException("The signing key " + file.toAbsolutePath() + " can be read or changed by "
                    + "other users than its owner (its mode is " + PosixFilePermissions.toString(permissions)
                    + "); whoever reads it can sign in the ledger's name. Make it its owner's only, then start "
                    + "again: chmod 600 " + file.toAbsolutePath());
        }
    }

    /** The verifier key of the signer key in {@code file}, if there is one that parses. */
    static Optional<KeyText.VerifierKey> verifierKey(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyText.parseSignerKey(Files.readString(file, StandardCharsets.UTF_8).strip())
                                      .verifierKey());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * One line per key of {@code keys} worth publishing: the checkpoint key, a prepared next one and the receipt key,
     * each as its verifier key and its SHA-256 fingerprint (the one the site's /verify page shows).
     */
    static List<String> describe(Path keys) {
        List<String> lines = new ArrayList<>();
        verifierKey(keys.resolve(CHECKPOINT_KEY)).ifPresent(key -> lines.add(line("checkpoint key", key)));
        verifierKey(keys.resolve(NEXT_CHECKPOINT_KEY))
                .ifPresent(key -> lines.add(line("next checkpoint key (prepared, announced at the query side's next "
                                                         + "start)", key)));
        verifierKey(keys.resolve(RECEIPT_KEY)).ifPresent(key -> lines.add(line("receipt key", key)));
        return lines;
    }

    private static String line(String what, KeyText.VerifierKey key) {
        return what + ": " + key.format() + "  SHA-256 fingerprint: " + KeyText.fingerprint(key.format());
    }

    /** Makes a rename in {@code directory} durable (where the system allows a directory to be synced). */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every system syncs a directory; the rename itself is atomic
        }
    }
}
