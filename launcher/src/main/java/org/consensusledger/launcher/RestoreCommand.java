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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code restore}: puts a backup's data file and signing key into a stopped ledger's data directory. It refuses
 * while a ledger runs on that directory (the running server holds the data file locked), checks the backup against
 * its manifest and opens it before anything is moved, and never overwrites: what the directory held (the data file,
 * the key, the console's sessions and the first secretariat token, all of the ledger being replaced) is moved into a
 * new {@code replaced-<time>} folder beside them, and the log says so. It refuses while a launcher is recorded as
 * running on the directory ({@link PidFile}), copies the backup's files beside their places first, and keeps the old
 * data file locked until the backup's is renamed into place, so that no ledger starts on the directory meanwhile.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
         description = "Restores a backup into a stopped ledger's data directory, moving what was there aside "
                 + "(docs/operations.md, Backup and restore).")
final class RestoreCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(RestoreCommand.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                                                                    .withZone(ZoneOffset.UTC);
    /** What belongs to the ledger being replaced: moved aside, never overwritten. */
    private static final List<String> REPLACED = List.of(BackupManifest.DATA_FILE, BackupManifest.SIGNING_KEY,
                                                         BackupManifest.RECEIPT_KEY,
                                                         BackupManifest.RECEIPT_KEY + ".pub",
                                                         "console-sessions", "first-secretariat-token");

    @Option(names = "--from", required = true, description = "The backup's folder (made by the backup command).")
    private Path from;

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "The stopped ledger's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    private final Clock clock;

    RestoreCommand() {
        this(Clock.systemUTC());
    }

    /** With {@code clock} naming the {@code replaced-<time>} folder (tests). */
    RestoreCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        BackupManifest manifest;
        DataFileBackup.Copy checked;
        try {
            manifest = BackupManifest.read(from);
            manifest.verify(from);
            checked = DataFileBackup.check(from.resolve(BackupManifest.DATA_FILE));
        } catch (IllegalStateException e) {
            LOGGER.error("Not restored: {}", e.getMessage());
            return 2;
        }
        Optional<ProcessHandle> launcher = new PidFile(dataDirectory).runningLauncher();
        if (launcher.isPresent()) {
            LOGGER.error("Not restored: a launcher (pid {}) runs on {}; stop it first", launcher.get().pid(),
                         dataDirectory.toAbsolutePath());
            return 1;
        }
        DataDirectory.ownerOnly(dataDirectory);
        Path dataFile = BackupManifest.dataFile(dataDirectory);
        Path key = BackupManifest.signingKey(dataDirectory);
        // The backup's files are copied beside their places first (the long part), so that the ledger is then
        // replaced by renames alone, while its data file is held locked.
        Path stagedData = staged(dataFile);
        Path stagedKey = manifest.hasSigningKey() ? staged(key) : null;
        Path receiptKey = dataDirectory.resolve(BackupManifest.RECEIPT_KEY);
        Path stagedReceiptKey = manifest.hasReceiptKey() ? staged(receiptKey) : null;
        try {
            stage(from.resolve(BackupManifest.DATA_FILE), stagedData);
            if (!DataFileBackup.sha256(stagedData).equals(manifest.get("data-file.sha256"))) {
                LOGGER.error("Not restored: the backup's data file copied to {} differs from the backup: the disk may"
                                     + " be failing", stagedData.toAbsolutePath());
                return 1;
            }
            if (stagedKey != null) {
                stage(from.resolve(BackupManifest.SIGNING_KEY), stagedKey);
            }
            if (stagedReceiptKey != null) {
                stage(from.resolve(BackupManifest.RECEIPT_KEY), stagedReceiptKey);
            }
            Path aside = null;
            List<String> moved = new ArrayList<>();
            // Held until the backup's file is in place: a ledger cannot start on the old one meanwhile (and one that
            // would create a new file finds the path taken, or makes the rename below fail: nothing is replaced).
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
                    if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                        if (aside == null) {
                            aside = newAsideFolder();
                        }
                        Files.move(existing, aside.resolve(name)); // into a new folder: never onto anything
                        moved.add(name);
                    }
                }
                try {
                    Files.move(stagedData, dataFile); // no target replaced: one that appeared meanwhile is refused
                    if (stagedKey != null) {
                        Files.move(stagedKey, key);
                    }
                    if (stagedReceiptKey != null) {
                        Files.move(stagedReceiptKey, receiptKey);
                    }
                } catch (FileAlreadyExistsException e) {
                    LOGGER.error("Not restored: {} appeared while the backup was being put in its place (was a ledger"
                                         + " started on {}?); stop it and restore again{}", e.getFile(),
                                 dataDirectory.toAbsolutePath(),
                                 aside == null ? "" : "; what the directory held is in " + aside.toAbsolutePath());
                    return 1;
                }
            }
            if (!moved.isEmpty()) {
                LOGGER.info("What {} held ({}) was moved to {}: delete it once the restored ledger is checked",
                            dataDirectory.toAbsolutePath(), String.join(", ", moved), aside.toAbsolutePath());
            }
        } finally {
            Files.deleteIfExists(stagedData); // left only when not restored
            if (stagedKey != null) {
                Files.deleteIfExists(stagedKey);
            }
            if (stagedReceiptKey != null) {
                Files.deleteIfExists(stagedReceiptKey);
            }
        }
        LOGGER.info("Restored the backup taken {} by version {} from {} into {} ({} entries, opened and read through"
                            + "{}). Start the ledger on it as usual; the console's users sign in again",
                    manifest.get("created"), manifest.get("ledger-version"), manifest.get("taken-from"),
                    dataDirectory.toAbsolutePath(), checked.entries(),
                    manifest.hasSigningKey() ? "; with its checkpoint signing key"
                                             : "; the backup held no signing key: the ledger makes a new one");
        return 0;
    }

    /**
     * A new folder {@code replaced-<time>} (to the millisecond; {@code -2}, {@code -3}… after it if that exists), its
     * owner's only: what the data directory held is moved into it, never onto anything already aside.
     */
    private Path newAsideFolder() throws IOException {
        String name = "replaced-" + STAMP.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path aside = dataDirectory.resolve(attempt == 1 ? name : name + "-" + attempt);
            try {
                if (aside.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    return Files.createDirectory(aside, PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_ONLY));
                }
                return Files.createDirectory(aside);
            } catch (FileAlreadyExistsException taken) {
                // another restore's: the next name
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this very JVM
        }
    }

    /** Where {@code target}'s new content is copied before it is renamed into place. */
    private static Path staged(Path target) {
        return target.resolveSibling(target.getFileName() + ".restoring");
    }

    /** Copies {@code source} to {@code staged} (a leftover of an interrupted restore replaced), owner-only, synced. */
    private static void stage(Path source, Path staged) throws IOException {
        Files.deleteIfExists(staged);
        BackupManifest.copyOwnerOnly(source, staged);
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
