package org.consensusledger.launcher;

import org.consensusledger.embedded.DataFileBackup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a backup folder holds, and the names of the files it shares with the data directory: the data file, the
 * checkpoint signing key (where the launcher tells the query side to keep it) and {@code backup-manifest.properties}
 * (when, which version, each file's size and SHA-256), each its owner's only.
 */
final class BackupManifest {

    static final String DATA_FILE = "ledger.mv";
    /** The launcher passes this file, in the data directory, to the query side as {@code ledger.audit.key-file}. */
    static final String SIGNING_KEY = "checkpoint-signing.key";
    static final String MANIFEST = "backup-manifest.properties";
    /** The launcher passes this file, in the data directory, to the command side as {@code ledger.receipts.key-file}. */
    static final String RECEIPT_KEY = "receipt-signing.key";

    private final Map<String, String> entries;

    private BackupManifest(Map<String, String> entries) {
        this.entries = entries;
    }

    /** Where the data file of a ledger with this data directory is. */
    static Path dataFile(Path dataDirectory) {
        return dataDirectory.resolve(DATA_FILE);
    }

    /** Where the signing key of a ledger with this data directory is (see LedgerLauncher's query side options). */
    static Path signingKey(Path dataDirectory) {
        return dataDirectory.resolve(SIGNING_KEY);
    }

    /** Describes the data file (and the signing key, when there is one) in {@code folder}. */
    static BackupManifest describe(Path folder, DataFileBackup.Copy copy, String takenFrom) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("format", "1");
        entries.put("created", Instant.now().toString());
        entries.put("ledger-version", version());
        entries.put("taken-from", takenFrom);
        entries.put("data-file", DATA_FILE);
        entries.put("data-file.size", Long.toString(copy.size()));
        entries.put("data-file.sha256", copy.sha256());
        entries.put("data-file.store-version", Long.toString(copy.version()));
        entries.put("data-file.entries", Long.toString(copy.entries()));
        Path key = folder.resolve(SIGNING_KEY);
        if (Files.isRegularFile(key)) {
            entries.put("signing-key", SIGNING_KEY);
            entries.put("signing-key.size", Long.toString(Files.size(key)));
            entries.put("signing-key.sha256", DataFileBackup.sha256(key));
        }
        Path receiptKey = folder.resolve(RECEIPT_KEY);
        if (Files.isRegularFile(receiptKey)) {
            entries.put("receipt-key", RECEIPT_KEY);
            entries.put("receipt-key.size", Long.toString(Files.size(receiptKey)));
            entries.put("receipt-key.sha256", DataFileBackup.sha256(receiptKey));
        }
        return new BackupManifest(entries);
    }

    static BackupManifest read(Path folder) throws IOException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(folder + " holds no " + MANIFEST + ": it is not a backup the launcher took");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> entries.put(name, properties.getProperty(name)));
        return new BackupManifest(entries);
    }

    String get(String name) {
        return entries.get(name);
    }

    boolean hasSigningKey() {
        return entries.containsKey("signing-key");
    }

    boolean hasReceiptKey() {
        return entries.containsKey("receipt-key");
    }

    /** Fails, saying which, unless the folder's files are those the manifest describes. */
    void verify(Path folder) throws IOException {
        verify(folder.resolve(DATA_FILE), "data-file");
        if (hasSigningKey()) {
            verify(folder.resolve(SIGNING_KEY), "signing-key");
        }
        if (hasReceiptKey()) {
            verify(folder.resolve(RECEIPT_KEY), "receipt-key");
        }
    }

    private void verify(Path file, String entry) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing from the backup");
        }
        if (Files.size(file) != Long.parseLong(get(entry + ".size"))
                || !DataFileBackup.sha256(file).equals(get(entry + ".sha256"))) {
            throw new IllegalStateException(file + " is not the file the backup's manifest describes (its size or "
                                                    + "SHA-256 differs): the backup is damaged");
        }
    }

    /** Writes the manifest into {@code folder}, its owner's only. */
    void write(Path folder) throws IOException {
        StringBuilder text = new StringBuilder("# Consensus Ledger backup (docs/operations.md, Backup and restore)\n");
        entries.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path temporary = folder.resolve(MANIFEST + ".writing");
        writeOwnerOnly(temporary, text.toString().getBytes(StandardCharsets.UTF_8));
        Files.move(temporary, folder.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies {@code source} to {@code target} (which must not exist), its owner's only. */
    static void copyOwnerOnly(Path source, Path target) throws IOException {
        createOwnerOnly(target);
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    private static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
        createOwnerOnly(target);
        Files.write(target, bytes);
    }

    private static void createOwnerOnly(Path target) throws IOException {
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(target);
        }
    }

    private static String version() {
        String version = BackupManifest.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown (not run from the packaged jar)";
    }
}
