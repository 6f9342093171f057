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
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a backup folder holds, and the names of the files it shares with the ledger's directories: the data file, the
 * signing keys in a folder {@code keys} (every key of the keys directory: the checkpoint key, a prepared or retired one,
 * the receipt key) and {@code backup-manifest.properties} (when, which version, each file's size and SHA-256), each its
 * owner's only. A backup of the earlier layout (format 1) held the checkpoint key alone, beside the data file.
 */
final class BackupManifest {

    static final String DATA_FILE = "ledger.mv";
    /** Where format 1 kept the checkpoint key, and where the launcher kept it in the data directory before. */
    static final String SIGNING_KEY = KeysDirectory.CHECKPOINT_KEY;
    /** The backup's folder of signing keys (format 2). */
    static final String KEYS = "keys";
    static final String MANIFEST = "backup-manifest.properties";

    private final Map<String, String> entries;

    private BackupManifest(Map<String, String> entries) {
        this.entries = entries;
    }

    /** Where the data file of a ledger with this data directory is. */
    static Path dataFile(Path dataDirectory) {
        return dataDirectory.resolve(DATA_FILE);
    }

    static BackupManifest describe(Path folder, DataFileBackup.Copy copy, String takenFrom) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("format", "2");
        entries.put("created", Instant.now().toString());
        entries.put("ledger-version", version());
        entries.put("taken-from", takenFrom);
        entries.put("data-file", DATA_FILE);
        entries.put("data-file.size", Long.toString(copy.size()));
        entries.put("data-file.sha256", copy.sha256());
        entries.put("data-file.store-version", Long.toString(copy.version()));
        entries.put("data-file.entries", Long.toString(copy.entries()));
        List<String> keys = KeysDirectory.keyFiles(folder.resolve(KEYS));
        if (!keys.isEmpty()) {
            entries.put("keys", String.join(",", keys));
            for (String key : keys) {
                Path file = folder.resolve(KEYS).resolve(key);
                entries.put("key." + key + ".size", Long.toString(Files.size(file)));
                entries.put("key." + key + ".sha256", DataFileBackup.sha256(file));
            }
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
        return !keys().isEmpty();
    }

    /**
     * The signing keys the backup holds, by the name they have in the keys directory: format 2's {@code keys} (each
     * a name the keys directory uses, never a path), or format 1's checkpoint key.
     */
    List<String> keys() {
        if (entries.containsKey("signing-key")) {
            return List.of(SIGNING_KEY);
        }
        String keys = entries.get("keys");
        if (keys == null || keys.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(keys.split(","));
        for (String name : names) {
            if (!KeysDirectory.isKeyFile(name)) {
                throw new IllegalStateException("the backup's manifest names a key '" + name + "' that is no key "
                                                        + "file of a keys directory: the backup is damaged");
            }
        }
        return names;
    }

    /** Where key {@code name} of {@link #keys()} is in the backup's {@code folder}. */
    Path key(Path folder, String name) {
        return entries.containsKey("signing-key") ? folder.resolve(SIGNING_KEY) : folder.resolve(KEYS).resolve(name);
    }

    /** Fails, saying which, unless the folder's files are those the manifest describes. */
    void verify(Path folder) throws IOException {
        verify(folder.resolve(DATA_FILE), "data-file");
        for (String name : keys()) {
            verify(key(folder, name), entries.containsKey("signing-key") ? "signing-key" : "key." + name);
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

    static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
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
