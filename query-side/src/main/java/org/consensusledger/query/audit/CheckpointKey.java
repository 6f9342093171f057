package org.consensusledger.query.audit;

import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The Ed25519 key that signs the log's checkpoints, kept in {@code ledger.audit.key-file} as a C2SP signer key
 * ({@code PRIVATE+KEY+<name>+<id>+<key>}). Created on first start, readable and writable by the process owner only;
 * the key's name is the checkpoints' origin. Its public half, the {@code vkey}, is published for verifiers.
 * <p>
 * A key file that other users than its owner may read or change is refused, when the query side starts (whoever
 * reads it can sign checkpoints in the ledger's name): the start stops with {@link KeyFileOpenToOthers}, which says
 * how to fix it. A command-line replay never reads the key, and starts whatever its mode.
 * <p>
 * Rotation ({@link KeyRotation}): a key prepared beside it as {@code <key-file>.next} is announced at start in a
 * checkpoint signed by both keys, then replaces the key file; the key it replaces is kept as
 * {@code <key-file>.retired-<key id>}.
 */
@Component
public class CheckpointKey {

    private static final Logger LOGGER = LoggerFactory.getLogger(CheckpointKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    private final AuditProperties properties;
    private NoteSigner signer;

    CheckpointKey(AuditProperties properties, ReplayProperties replay) {
        this.properties = properties;
        if (!replay.replayOnly()) {
            properties.effectiveOrigin(); // required: a query side that signs refuses to start without its origin
            refuseIfOthersCanAccess(properties.keyFile());
        }
    }

    /**
     * The signer, loading the key on first use (creating it if there is none yet): a query side that never signs (a
     * command-line replay) neither reads nor creates a key.
     */
    public synchronized NoteSigner signer() {
        if (signer == null) {
            String origin = properties.effectiveOrigin();
            KeyText.SignerKey key = loadOrCreate(properties.keyFile(), origin);
            if (!key.name().equals(origin)) {
                throw new IllegalStateException("The checkpoint key in " + properties.keyFile().toAbsolutePath()
                        + " is named '" + key.name() + "', but the checkpoints' origin is '" + origin + "' (set "
                        + "ledger.audit.origin to '" + key.name() + "', or point ledger.audit.key-file at the key "
                        + "of that origin)");
            }
            signer = new NoteSigner(key);
        }
        return signer;
    }

    /** The verifier key, {@code <name>+<id>+<base64 key>}. */
    public String vkey() {
        return signer().verifierKey().format();
    }

    /** Where the key is kept, for messages. */
    Path file() {
        return properties.keyFile().toAbsolutePath();
    }

    /** Where {@code rotate-key} prepares the next key: {@code <key-file>.next}. */
    Path nextFile() {
        return file().resolveSibling(file().getFileName() + ".next");
    }

    /** Where a rotation keeps the key it retires: {@code <key-file>.retired-<key id>}. */
    Path retiredFile(int keyId) {
        return file().resolveSibling(file().getFileName() + ".retired-" + KeyText.hex8(keyId));
    }

    /**
     * The next key, when one was prepared ({@code rotate-key}): owner-only, named after the origin, another key than
     * the current one; empty when there is none.
     */
    synchronized Optional<NoteSigner> pending() {
        Path next = nextFile();
        if (!Files.exists(next)) {
            return Optional.empty();
        }
        refuseIfOthersCanAccess(next);
        KeyText.SignerKey key;
        try {
            key = read(next);
        } catch (IOException e) {
            throw new UncheckedIOException("The prepared checkpoint key " + next + " cannot be read", e);
        }
        String origin = properties.effectiveOrigin();
        if (!key.name().equals(origin)) {
            throw new IllegalStateException("The prepared checkpoint key in " + next + " is named '" + key.name()
                    + "', but the log's origin is '" + origin + "': a rotation keeps the origin. Delete it and "
                    + "prepare the key again (java -jar consensus-ledger.jar rotate-key)");
        }
        NoteSigner signer = new NoteSigner(key);
        if (signer.keyId() == signer().keyId()) {
            throw new IllegalStateException("The prepared checkpoint key in " + next + " is the current key: delete "
                    + "it and prepare a new one (java -jar consensus-ledger.jar rotate-key)");
        }
        return Optional.of(signer);
    }

    /**
     * Ends a rotation whose announcement is stored: the current key is kept as {@link #retiredFile} (never
     * deleted), the next key renamed over the key file, and signing goes on with it alone. Each step can be done
     * again after a crash: a retired copy with the same bytes is left as it is.
     */
    synchronized void completeRotation(NoteSigner next) {
        Path file = file();
        Path retired = retiredFile(signer().keyId());
        try {
            byte[] current = Files.readAllBytes(file);
            if (!Files.exists(retired)) {
                Path copying = retired.resolveSibling(retired.getFileName() + ".writing");
                Files.deleteIfExists(copying);
                create(copying, Files.readString(file, StandardCharsets.UTF_8).strip());
                Files.move(copying, retired, StandardCopyOption.ATOMIC_MOVE);
            } else if (!Arrays.equals(Files.readAllBytes(retired), current)) {
                throw new IllegalStateException("Cannot retire the checkpoint key " + file + ": " + retired
                        + " exists and holds another key; move it away and start again");
            }
            Files.move(nextFile(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // not every system syncs a directory; the renames are atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The checkpoint key rotation in " + file.getParent()
                    + " could not be completed", e);
        }
        signer = next;
        LOGGER.warn("The checkpoint signing key is now {} (SHA-256 fingerprint {}); the key it replaces is kept in {}",
                    next.verifierKey().format(), KeyText.fingerprint(next.verifierKey().format()), retired);
    }

    private static KeyText.SignerKey loadOrCreate(Path file, String origin) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                // A keys folder made here is its owner's alone, as the launcher makes its keys directory.
                if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER));
                } else {
                    Files.createDirectories(folder);
                }
            }
            try {
                create(file, KeyText.generate(origin));
                LOGGER.info("Created the checkpoint signing key for origin '{}' in {}", origin, file.toAbsolutePath());
            } catch (FileAlreadyExistsException exists) {
                refuseIfOthersCanAccess(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The checkpoint key " + file.toAbsolutePath() + " cannot be read or created",
                                           e);
        }
    }

    /** Creates the file (failing if it exists) owner-only from the start, then writes the key. */
    private static void create(Path file, KeyText.SignerKey key) throws IOException {
        create(file, key.format());
    }

    private static void create(Path file, String key) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                          StandardOpenOption.SYNC);
    }

    /** Reads the key; another instance may be writing it this moment, so an empty file is read again shortly. */
    private static KeyText.SignerKey read(Path file) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() || attempt == 20) {
                try {
                    return KeyText.parseSignerKey(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("The checkpoint key " + file.toAbsolutePath()
                            + " is not a signer key (PRIVATE+KEY+<name>+<id>+<key>): " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading " + file, e);
            }
        }
    }

    /** Refuses a key file that anyone but its owner may read or change; a missing one is created owner-only. */
    private static void refuseIfOthersCanAccess(Path file) {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The checkpoint key " + file.toAbsolutePath() + " cannot be read", e);
        }
        if (permissions.stream().anyMatch(permission -> !OWNER.contains(permission))) {
            throw new KeyFileOpenToOthers(file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
        }
    }
}
