package org.consensusledger.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory is its owner's alone ({@code rwx------}): it holds the ledger's data file, the checkpoint
 * signing key and the console's sessions, each of which lets whoever reads it act as the ledger or one of its
 * users. Created so; an existing one open to other users is tightened, and the log says so once.
 */
final class DataDirectory {

    private static final Logger LOGGER = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {
    }

    /** Creates {@code directory} (with missing parents) or tightens it, owner-only; returns it. */
    static Path ownerOnly(Path directory) throws IOException {
        return ownerOnly(directory, "data directory");
    }

    /** As {@link #ownerOnly(Path)}, naming the directory {@code what} in the log. */
    static Path ownerOnly(Path directory, String what) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectories(directory);
            }
            return directory;
        }
        if (posix) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
            if (!permissions.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
                LOGGER.warn("The {} {} was {}; it is now its owner's alone (rwx------)", what,
                            directory.toAbsolutePath(), PosixFilePermissions.toString(permissions));
            }
        }
        return directory;
    }
}
