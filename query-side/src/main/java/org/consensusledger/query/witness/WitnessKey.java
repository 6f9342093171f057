package org.consensusledger.query.witness;

import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
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
 * The witness's cosigner key ({@code ledger.witness.key-file}): an Ed25519 signer key in C2SP form, created owner-only
 * on first use like the checkpoint key, and refused if others than its owner may read or change it (whoever reads it
 * can cosign in this witness's name). It signs cosignatures only, never checkpoints: its published verifier key has
 * the cosignature type 0x04.
 */
@Component
class WitnessKey {

    private static final Logger LOGGER = LoggerFactory.getLogger(WitnessKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");
    static final String DEFAULT_FILE_NAME = "witness-signing.key";

    private final Path file;
    private final WitnessProperties properties;
    private final AuditProperties audit;
    private String name;
    private Cosignature.Signer signer;

    WitnessKey(WitnessProperties properties, AuditProperties audit) {
        this.file = properties.keyFile() != null ? properties.keyFile()
                : audit.keyFile().toAbsolutePath().resolveSibling(DEFAULT_FILE_NAME);
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * The witness's name: {@code ledger.witness.name}, else the log's origin. Read on first use, so that a process that
     * never cosigns (the command-line replay, {@code ledger.replay=true}) starts without an origin.
     */
    private String name() {
        if (name == null) {
            name = properties.name() != null && !properties.name().isBlank() ? properties.name().strip()
                    : audit.effectiveOrigin();
        }
        return name;
    }

    /** The cosigner, reading the key on first use (creating it if there is none). */
    synchronized Cosignature.Signer signer() {
        if (signer == null) {
            String name = name();
            KeyText.SignerKey key = loadOrCreate(name);
            if (!key.name().equals(name)) {
                throw new IllegalStateException("The witness key in " + file.toAbsolutePath() + " is named '"
                        + key.name() + "', but the witness's name is '" + name + "' (set ledger.witness.name to '"
                        + key.name() + "', or point ledger.witness.key-file at the key of that name)");
            }
            signer = new Cosignature.Signer(key);
        }
        return signer;
    }

    /** The cosigner verifier key, to give the logs this ledger witnesses. */
    String vkey() {
        return signer().key().format();
    }

    private KeyText.SignerKey loadOrCreate(String name) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, KeyText.generate(name).format() + "\n", StandardCharsets.UTF_8,
                                  StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                LOGGER.info("Created the witness key '{}' in {}", name, file.toAbsolutePath());
            } catch (FileAlreadyExistsException exists) {
                if (posix && Files.getPosixFilePermissions(file).stream().anyMatch(p -> !OWNER.contains(p))) {
                    throw new IllegalStateException("The witness key " + file.toAbsolutePath() + " can be read or "
                            + "changed by other users than its owner; fix it with: chmod 600 " + file.toAbsolutePath());
                }
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            try {
                return KeyText.parseSignerKey(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The witness key " + file.toAbsolutePath()
                        + " is not a signer key (PRIVATE+KEY+<name>+<id>+<key>): " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The witness key " + file.toAbsolutePath() + " cannot be read or created",
                                           e);
        }
    }
}
