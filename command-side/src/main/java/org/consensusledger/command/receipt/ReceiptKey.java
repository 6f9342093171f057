package org.consensusledger.command.receipt;

import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The command side's own Ed25519 key, which signs receipts: kept in {@code ledger.receipts.key-file} as a C2SP
 * signer key named {@code <origin>/receipts}, created owner-only on first start. A key file that others may read or
 * change is refused (whoever reads it can issue receipts in the ledger's name). Its verifier key is written beside it,
 * {@code <key-file>.pub}, on every start, so that the query side can be given it.
 *
 * <p>The origin is the checkpoints' ({@code ledger.audit.origin}, required): a receipt names the log whose checkpoints
 * must hold its events. A missing key file while {@code event_receipts} holds receipts is refused (a lost key is
 * restored from a backup, or replaced on purpose with {@code ledger.receipts.new-key=true}), never silently
 * replaced.
 */
@Component
class ReceiptKey {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    private final String origin;
    private final NoteSigner signer;

    @Autowired
    ReceiptKey(ReceiptProperties properties, @Value("${ledger.audit.origin:}") String origin, LedgerDatabase database) {
        this(properties, origin, () -> database.collection(LedgerCollection.EVENT_RECEIPTS).find().limit(1)
                                               .first() != null);
    }

    /** {@code receiptsKept}: whether {@code event_receipts} holds any receipt (signed by an earlier key). */
    ReceiptKey(ReceiptProperties properties, String origin, BooleanSupplier receiptsKept) {
        this.origin = origin(origin);
        Path file = properties.keyFile();
        if (!Files.exists(file) && !properties.newKey() && receiptsKept.getAsBoolean()) {
            throw new IllegalStateException("The receipt key " + file.toAbsolutePath() + " is missing, but "
                    + "event_receipts holds receipts signed with a receipt key: a new key would be silently "
                    + "different from the one clients, auditors and the query side check receipts with. Restore the "
                    + "key file (and its .pub) from a backup to " + file.toAbsolutePath() + " (owner-only, chmod "
                    + "600), or, to start a new receipt key on purpose, start once with "
                    + "ledger.receipts.new-key=true and give the query side the new verifier key "
                    + "(ledger.audit.receipt-vkey); keep the old verifier key to check the earlier receipts");
        }
        KeyText.SignerKey key = loadOrCreate(file, Receipt.keyName(this.origin));
        if (!key.name().equals(Receipt.keyName(this.origin))) {
            throw new IllegalStateException("The receipt key in " + file.toAbsolutePath() + " is named '" + key.name()
                    + "', but the receipts of origin '" + this.origin + "' are signed by a key named '"
                    + Receipt.keyName(this.origin) + "' (set ledger.audit.origin to the log's origin, or point "
                    + "ledger.receipts.key-file at the receipt key of that origin)");
        }
        this.signer = new NoteSigner(key);
        writeVerifierKey(properties.verifierKeyFile(), signer.verifierKey().format());
    }

    /**
     * The configured origin ({@code ledger.audit.origin}), required as on the query side: a receipt names the log
     * whose checkpoints must hold its events, so it may not be guessed from an address.
     */
    static String origin(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("ledger.audit.origin is not set: the command side signs every receipt "
                    + "with the log's origin, which must be the query side's (the checkpoints' first line, such as "
                    + "ledger.example.org/log). Set ledger.audit.origin (or LEDGER_AUDIT_ORIGIN) to the same value "
                    + "on both sides and start again");
        }
        String origin = configured.strip();
        try {
            KeyText.checkName(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ledger.audit.origin '" + origin + "' cannot name a key: "
                    + e.getMessage() + ". Set it to the log's origin, such as ledger.example.org/log", e);
        }
        return origin;
    }

    String origin() {
        return origin;
    }

    NoteSigner signer() {
        return signer;
    }

    /** The verifier key, {@code <origin>/receipts+<id>+<base64 key>}. */
    String vkey() {
        return signer.verifierKey().format();
    }

    private static KeyText.SignerKey loadOrCreate(Path file, String name) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // Owner-only, as the checkpoint key's folder: the key file is not the only thing worth hiding.
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER));
                } else {
                    Files.createDirectories(parent);
                }
            }
            try {
                create(file, KeyText.generate(name));
                LOGGER.info("Created the receipt signing key '{}' in {}", name, file.toAbsolutePath());
            } catch (FileAlreadyExistsException exists) {
                refuseIfOthersCanAccess(file);
            }
            return KeyText.parseSignerKey(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("The receipt key " + file.toAbsolutePath() + " cannot be read or created",
                                           e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The receipt key " + file.toAbsolutePath()
                    + " is not a signer key (PRIVATE+KEY+<name>+<id>+<key>): " + e.getMessage(), e);
        }
    }

    private static void create(Path file, KeyText.SignerKey key) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key.format() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                          StandardOpenOption.SYNC);
    }

    private static void refuseIfOthersCanAccess(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(permission -> !OWNER.contains(permission))) {
            throw new IllegalStateException("The receipt key " + file.toAbsolutePath() + " may be read or changed by "
                    + "others than its owner (" + PosixFilePermissions.toString(permissions) + "): whoever reads it "
                    + "can sign receipts in the ledger's name. Make it the owner's alone (chmod 600 " + file
                    + ") and start again");
        }
    }

    /** Writes the public verifier key beside the key file (replaced atomically; anyone may read it). */
    private static void writeVerifierKey(Path file, String vkey) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, vkey + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The receipt verifier key cannot be written to " + file.toAbsolutePath(),
                                           e);
        }
    }
}
