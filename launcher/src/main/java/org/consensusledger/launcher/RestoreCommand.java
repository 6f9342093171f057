package org.consensusledger.launcher;

import org.consensusledger.embedded.DataFileBackup;
import org.consensusledger.tlog.KeyText;
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
 * {@code restore}: puts a backup's data file into a stopped ledger's data directory and its signing keys into the
 * ledger's keys directory (a backup of the earlier layout: its checkpoint key). It refuses
 * while a ledger runs on that directory (the running server holds the data file locked), checks the backup against
 * its manifest and opens it before anything is moved, and never overwrites: what the directory held (the data file,
 * the key, the console's sessions and the first secretariat token, all of the ledger being replaced) is moved into a
 * new {@code replaced-<time>} folder beside them (the keys: in one in the keys directory), and the log says so. It refuses while a launcher is recorded as
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
                                                         "console-sessions", "first-secretariat-token",
                                                         LogOrigin.FILE);

    @Option(names = "--from", required = true, description = "The backup's folder (made by the backup command).")
    private Path from;

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "The stopped ledger's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--keys", defaultValue = "${env:LEDGER_KEYS_DIR}",
            description = "The stopped ledger's keys directory, where the backup's signing keys go (default: keys "
                    + "beside the data directory).")
    private Path keysDirectory;

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
        Path keys = KeysDirectory.of(keysDirectory, dataDirectory);
        // The keys directory must be the replaced ledger's, or already the backup's log's: never another ledger's
        // keys that happen to lie beside (they would be moved aside, and that ledger left without them).
        Optional<String> keysLog = LogOrigin.ofKeys(keys);
        Optional<String> backupLog = manifest.keys().contains(KeysDirectory.CHECKPOINT_KEY)
                ? KeysDirectory.verifierKey(manifest.key(from, KeysDirectory.CHECKPOINT_KEY))
                               .map(KeyText.VerifierKey::name)
                : Optional.empty();
        if (keysLog.isPresent() && !keysLog.equals(backupLog)) {
            try {
                LogOrigin.requireKeysOf(dataDirectory, keys, false);
            } catch (IllegalStateException e) {
                LOGGER.error("Not restored: {}", e.getMessage());
                return 2;
            }
        }
        DataDirectory.ownerOnly(dataDirectory);
        DataDirectory.ownerOnly(keys, "keys directory");
        Path dataFile = BackupManifest.dataFile(dataDirectory);
        // The backup's files are copied beside their places first (the long part), so that the ledger is then
        // replaced by renames alone, while its data file is held locked.
        Path stagedData = staged(dataFile);
        List<String> keyNames = manifest.keys();
        try {
            stage(from.resolve(BackupManifest.DATA_FILE), stagedData);
            if (!DataFileBackup.sha256(stagedData).equals(manifest.get("data-file.sha256"))) {
                LOGGER.error("Not restored: the backup's data file copied to {} differs from the backup: the disk may"
                                     + " be failing", stagedData.toAbsolutePath());
                return 1;
            }
            for (String name : keyNames) {
                stage(manifest.key(from, name), staged(keys.resolve(name)));
            }
            Path aside = null;
            Path keysAside = null;
            List<String> moved = new ArrayList<>();
            List<String> keysMoved = new ArrayList<>();
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
                // Every key of the ledger being replaced (retired ones included) goes aside in the keys directory.
                List<String> keysReplaced = new ArrayList<>(KeysDirectory.keyFiles(keys));
                if (Files.isRegularFile(keys.resolve(LogOrigin.FILE), LinkOption.NOFOLLOW_LINKS)) {
                    keysReplaced.add(LogOrigin.FILE); // the replaced ledger's origin, as in the data directory
                }
                for (String name : keysReplaced) {
                    if (keysAside == null) {
                        keysAside = newAsideFolder(keys);
                    }
                    Files.move(keys.resolve(name), keysAside.resolve(name));
                    keysMoved.add(name);
                }
                try {
                    Files.move(stagedData, dataFile); // no target replaced: one that appeared meanwhile is refused
                    for (String name : keyNames) {
                        Files.move(staged(keys.resolve(name)), keys.resolve(name));
                    }
                    KeysDirectory.syncDirectory(keys);
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
            if (!keysMoved.isEmpty()) {
                LOGGER.info("The keys {} held ({}) were moved to {}: keep them until the restored ledger is checked, "
                                    + "then destroy them as you would any signing key", keys.toAbsolutePath(),
                            String.join(", ", keysMoved), keysAside.toAbsolutePath());
            }
        } finally {
            Files.deleteIfExists(stagedData); // left only when not restored
            for (String name : keyNames) {
                Files.deleteIfExists(staged(keys.resolve(name)));
            }
        }
        LOGGER.info("Restored the backup taken {} by version {} from {} into {} ({} entries, opened and read through"
                            + "{}). Start the ledger on it as usual; the console's users sign in again",
                    manifest.get("created"), manifest.get("ledger-version"), manifest.get("taken-from"),
                    dataDirectory.toAbsolutePath(), checked.entries(),
                    keyNames.isEmpty() ? "; the backup held no signing key: the ledger makes a new one"
                                       : "; with its signing keys " + String.join(", ", keyNames) + " in "
                                         + keys.toAbsolutePath());
        return 0;
    }

    /**
     * A new folder {@code replaced-<time>} (to the millisecond; {@code -2}, {@code -3}… after it if that exists), its
     * owner's only: what the data directory held is moved into it, never onto anything already aside.
     */
    private Path newAsideFolder() throws IOException {
        return newAsideFolder(dataDirectory);
    }

    private Path newAsideFolder(Path directory) throws IOException {
        String name = "replaced-" + STAMP.format(clock.instant());
        for (int attempt = 1; ; attempt++) {
            Path aside = directory.resolve(attempt == 1 ? name : name + "-" + attempt);
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
