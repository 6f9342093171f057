package org.consensusledger.launcher;

import org.consensusledger.embedded.DataFileBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code restore}: puts a backup's data file and signing key into a stopped ledger's data directory. It refuses
 * while a ledger runs on that directory (the running server holds the data file locked), checks the backup against
 * its manifest and opens it before anything is moved, and never overwrites: what the directory held (the data file,
 * the key, the console's sessions and the first secretariat token, all of the ledger being replaced) is moved into a
 * {@code replaced-<time>} folder beside them, and the log says so.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
         description = "Restores a backup into a stopped ledger's data directory, moving what was there aside "
                 + "(docs/operations.md, Backup and restore).")
final class RestoreCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(RestoreCommand.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                                                    .withZone(ZoneOffset.UTC);
    /** What belongs to the ledger being replaced: moved aside, never overwritten. */
    private static final List<String> REPLACED = List.of(BackupManifest.DATA_FILE, BackupManifest.SIGNING_KEY,
                                                         "console-sessions", "first-secretariat-token");

    @Option(names = "--from", required = true, description = "The backup's folder (made by the backup command).")
    private Path from;

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "The stopped ledger's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Override
    public Integer call() throws IOException {
        BackupManifest manifest;
        try {
            manifest = BackupManifest.read(from);
            manifest.verify(from);
            DataFileBackup.check(from.resolve(BackupManifest.DATA_FILE));
        } catch (IllegalStateException e) {
            LOGGER.error("Not restored: {}", e.getMessage());
            return 2;
        }
        DataDirectory.ownerOnly(dataDirectory);
        Path dataFile = BackupManifest.dataFile(dataDirectory);
        Path aside = dataDirectory.resolve("replaced-" + STAMP.format(Instant.now()));
        List<String> moved = new ArrayList<>();
        // Held until the old file is moved aside: a ledger cannot start on it meanwhile.
        try (FileChannel held = Files.isRegularFile(dataFile)
                ? FileChannel.open(dataFile, StandardOpenOption.READ, StandardOpenOption.WRITE) : null;
             FileLock lock = held != null ? tryLock(held) : null) {
            if (held != null && lock == null) {
                LOGGER.error("Not restored: a ledger is running on {} (its data file is locked); stop it first",
                             dataDirectory.toAbsolutePath());
                return 1;
            }
            for (String name : REPLACED) {
                Path existing = dataDirectory.resolve(name);
                if (Files.exists(existing)) {
                    DataDirectory.ownerOnly(aside);
                    Files.move(existing, aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    moved.add(name);
                }
            }
        }
        put(from.resolve(BackupManifest.DATA_FILE), dataFile);
        if (manifest.hasSigningKey()) {
            put(from.resolve(BackupManifest.SIGNING_KEY), BackupManifest.signingKey(dataDirectory));
        }
        DataFileBackup.Copy restored = DataFileBackup.check(dataFile);
        if (!DataFileBackup.sha256(dataFile).equals(manifest.get("data-file.sha256"))) {
            LOGGER.error("The restored {} differs from the backup: the disk may be failing", dataFile);
            return 1;
        }
        if (!moved.isEmpty()) {
            LOGGER.info("What {} held ({}) was moved to {}: delete it once the restored ledger is checked",
                        dataDirectory.toAbsolutePath(), String.join(", ", moved), aside.toAbsolutePath());
        }
        LOGGER.info("Restored the backup taken {} by version {} from {} into {} ({} entries, opened and read through"
                            + "{}). Start the ledger on it as usual; the console's users sign in again",
                    manifest.get("created"), manifest.get("ledger-version"), manifest.get("taken-from"),
                    dataDirectory.toAbsolutePath(), restored.entries(),
                    manifest.hasSigningKey() ? "; with its checkpoint signing key"
                                             : "; the backup held no signing key: the ledger makes a new one");
        return 0;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this very JVM
        }
    }

    /** Copies {@code source} to a temporary name beside {@code target}, owner-only, then renames it into place. */
    private static void put(Path source, Path target) throws IOException {
        Path restoring = target.resolveSibling(target.getFileName() + ".restoring");
        Files.deleteIfExists(restoring);
        BackupManifest.copyOwnerOnly(source, restoring);
        try (FileChannel channel = FileChannel.open(restoring, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(restoring, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
