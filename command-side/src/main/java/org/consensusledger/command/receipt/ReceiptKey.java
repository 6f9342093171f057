package org.consensusledger.command.receipt;

import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/**
 * The command side's own Ed25519 key, which signs receipts: kept in {@code ledger.receipts.key-file} as a C2SP
 * signer key named {@code <origin>/receipts}, created owner-only on first start. A key file that others may read or
 * change is refused (whoever reads it can issue receipts in the ledger's name). Its verifier key is written beside it,
 * {@code <key-file>.pub}, on every start, so that the query side can be given it.
 *
 * <p>The origin is the checkpoints' ({@code ledger.audit.origin}, by default the query side's public base URL
 * without its scheme): a receipt names the log whose checkpoints must hold its events.
 */
@Component
class ReceiptKey {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");

    private final String origin;
    private final NoteSigner signer;

    ReceiptKey(ReceiptProperties properties, @Value("${ledger.audit.origin:}") String origin,
               @Value("${ledger.audit.public-base-url:http://localhost:8082}") String publicBaseUrl) {
        this.origin = origin(origin, publicBaseUrl);
        Path file = properties.keyFile();
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

    /** The configured origin, or the public base URL without its scheme and trailing slash (as the query side). */
    static String origin(String configured, String publicBaseUrl) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String url = publicBaseUrl.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
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
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, vkey + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The receipt verifier key cannot be written to " + file.toAbsolutePath(),
                                           e);
        }
    }
}
