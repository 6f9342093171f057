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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The Ed25519 key that signs the log's checkpoints, kept in {@code ledger.audit.key-file} as a C2SP signer key
 * ({@code PRIVATE+KEY+<name>+<id>+<key>}). Created on first start, readable and writable by the process owner only;
 * the key's name is the checkpoints' origin. Its public half, the {@code vkey}, is published for verifiers.
 * <p>
 * A key file that other users than its owner may read or change is refused, when the query side starts (whoever
 * reads it can sign checkpoints in the ledger's name): the start stops with {@link KeyFileOpenToOthers}, which says
 * how to fix it. A command-line replay never reads the key, and starts whatever its mode.
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

    private static KeyText.SignerKey loadOrCreate(Path file, String origin) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
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
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key.format() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
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
