package org.consensusledger.command.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file the token of a secretariat account created at start is written to, readable and writable by its owner
 * only: created as a new file with mode 0600 (never readable by anybody else, not even for an instant) beside its
 * final name, then moved over it in one step; a directory that does not exist yet is created 0700.
 */
final class FirstTokenFile {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private FirstTokenFile() {
    }

    /** Writes the token (one line) to {@code file}, replacing an older one; returns the file's absolute path. */
    static Path write(Path file, String token) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, attributes("rwx------"));
        }
        Path written = Files.createTempFile(directory, ".first-secretariat-token", ".tmp", attributes("rw-------"));
        try {
            Files.writeString(written, token + System.lineSeparator(), StandardCharsets.US_ASCII);
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
        return target;
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(permissions))} : new FileAttribute<?>[0];
    }
}
