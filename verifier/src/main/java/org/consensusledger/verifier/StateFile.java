package org.consensusledger.verifier;

import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.SignedNote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verifier's memory (docs/audit.md "The verifier's memory"): the last checkpoint it verified for a log, kept as
 * the signed note verbatim in one file per origin, by default
 * {@code $XDG_STATE_HOME/consensus-ledger-verifier/<origin, encoded>.checkpoint} (XDG_STATE_HOME defaulting to
 * {@code ~/.local/state}), or the file given with {@code --state}. It is read before a run and counts as a checkpoint
 * saved earlier; it is written, atomically and readable by its owner only, after a run that ends VERIFIED. It is
 * never read or written through a symbolic link, nor used when another user owns it or may write it, nor when its
 * directory lets another user replace it (owned by someone other than the user or root, or writable by others without
 * the sticky bit).
 */
final class StateFile {

    static final String DIRECTORY = "consensus-ledger-verifier";
    static final String SUFFIX = ".checkpoint";
    /** How the remembered checkpoint is described (the start of every message about it). */
    static final String DESCRIPTION = "the checkpoint remembered from the last verified run";
    private static final int MAX_NAME = 150;

    private final Path explicit;
    private final Map<String, String> environment;
    private final Path home;
    /** The user running the verifier: the only one besides root who may own the state and its directory. */
    private final UserPrincipal user;

    /**
     * @param explicit    the file given with {@code --state}, or null for the default location
     * @param environment the process environment (XDG_STATE_HOME)
     * @param home        the user's home directory
     */
    StateFile(Path explicit, Map<String, String> environment, Path home) throws UnusableInputException {
        this(explicit, environment, home, currentUser());
    }

    /** As above, for the user {@code user} (a test stands in for another user with it). */
    StateFile(Path explicit, Map<String, String> environment, Path home, UserPrincipal user) {
        this.explicit = explicit;
        this.environment = environment;
        this.home = home;
        this.user = user;
    }

    private static UserPrincipal currentUser() throws UnusableInputException {
        String name = System.getProperty("user.name");
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (IOException | UnsupportedOperationException e) {
            // A user without a name (a container's arbitrary uid): the owner of a file it makes is that user.
            try {
                Path probe = Files.createTempFile("verifier-user-", ".tmp");
                try {
                    return Files.getOwner(probe);
                } finally {
                    Files.deleteIfExists(probe);
                }
            } catch (IOException | UnsupportedOperationException again) {
                throw new UnusableInputException("cannot tell which user runs the verifier (\"" + name + "\"), so "
                        + "the owner of its state cannot be checked (pass --no-state)", e);
            }
        }
    }

    /** The file that holds the state of the log named {@code origin}. */
    Path location(String origin) {
        if (explicit != null) {
            return explicit;
        }
        String stateHome = environment.get("XDG_STATE_HOME");
        Path base = stateHome != null && !stateHome.isBlank() && Path.of(stateHome).isAbsolute()
                ? Path.of(stateHome) : home.resolve(".local").resolve("state");
        return base.resolve(DIRECTORY).resolve(fileName(origin));
    }

    /**
     * An origin as a file name: letters, digits, '-', '_' and '.' as they are, every other byte of its UTF-8 as
     * {@code %XX} (so '/' and ':' cannot leave the directory, and a leading '.' is escaped too); a long one is cut
     * and ends with the first 16 hex digits of its SHA-256, so that two origins never share a file.
     */
    static String fileName(String origin) {
        StringBuilder name = new StringBuilder();
        for (byte b : origin.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'
                    || (c == '.' && !name.isEmpty()));
            if (plain) {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        if (name.length() > MAX_NAME) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
                name.setLength(MAX_NAME - 17);
                name.append('~').append(HexFormat.of().formatHex(digest, 0, 8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return name.append(SUFFIX).toString();
    }

    /**
     * The checkpoint remembered for the log of {@code logKey}, if any. A file that cannot be trusted (a symbolic
     * link, writable by others, not a signed checkpoint, another log's) is unusable input; one whose signature is not
     * the log key's is a mismatch (the log's key changed since the last run).
     */
    Optional<TrustedCheckpoint> read(LogKeys logKey) throws UnusableInputException, LogMismatch {
        Path file = location(logKey.name());
        if (Files.isSymbolicLink(file)) {
            throw new UnusableInputException("the verifier's state " + file + " is a symbolic link: the verifier "
                    + "neither reads nor writes its memory through one (remove it, or give --state a plain file)");
        }
        String text;
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                checkDirectory(file);
                return Optional.empty();
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnusableInputException("the verifier's state " + file + " is not a file");
            }
            checkDirectory(file);
            checkOwner(file);
            if (writableByOthers(file)) {
                throw new UnusableInputException("the verifier's state " + file + " may be changed by other users "
                        + "(mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        file, LinkOption.NOFOLLOW_LINKS)) + "): whoever can change it can make this verifier forget "
                        + "what it saw; check it, then chmod 600 it");
            }
            if (Files.size(file) > 1_000_000) {
                throw new UnusableInputException("the verifier's state " + file + " is not a signed checkpoint: it "
                        + "holds more than a megabyte (remove it, or pass --no-state)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnusableInputException("cannot read the verifier's state " + file + ": " + Source.describe(e),
                                             e);
        }
        String origin;
        try {
            origin = Checkpoint.parse(SignedNote.parse(text).text()).origin();
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("the verifier's state " + file + " is not a signed checkpoint ("
                    + e.getMessage() + "); remove it, or pass --no-state", e);
        }
        if (!origin.equals(logKey.name())) {
            throw new UnusableInputException("the verifier's state " + file + " holds a checkpoint of the log \""
                    + origin + "\", not of \"" + logKey.name() + "\"; give each log its own --state file");
        }
        TrustedCheckpoint remembered;
        try {
            remembered = TrustedCheckpoint.parse(text, "the verifier's state", DESCRIPTION + " in " + file, logKey);
        } catch (LogMismatch e) {
            throw new LogMismatch(e.getMessage() + ": the log's key is not the one that signed the checkpoint "
                    + "verified last time; if its operator announced a new key, check that announcement, then "
                    + "remove " + file);
        }
        return Optional.of(remembered);
    }

    /**
     * Remembers {@code checkpoint} (its signed note, verbatim) for its log: written to a file of its own beside the
     * state, readable by its owner only, then moved over it atomically, so that a run interrupted leaves the old state
     * or the new one, never half of one. Returns the file.
     */
    Path write(TrustedCheckpoint checkpoint, String origin) throws UnusableInputException {
        Path file = location(origin);
        try {
            Path directory = file.toAbsolutePath().getParent();
            createDirectories(directory);
            if (Files.isSymbolicLink(file)) {
                throw new UnusableInputException("the verifier's state " + file + " is a symbolic link: not written "
                        + "(remove it, or give --state a plain file)");
            }
            checkDirectory(file);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                checkOwner(file);
            }
            Path temporary = posix(directory)
                    ? Files.createTempFile(directory, ".state-", ".tmp", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(directory, ".state-", ".tmp");
            try {
                Files.writeString(temporary, checkpoint.note(), StandardCharsets.UTF_8);
                try (var channel = java.nio.channels.FileChannel.open(temporary,
                                                                      java.nio.file.StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                try {
                    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        } catch (IOException e) {
            throw new UnusableInputException("cannot write the verifier's state " + file + ": "
                    + Source.describe(e), e);
        }
    }

    private static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix(directory.getRoot())) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            try {
                Files.createDirectories(directory, ownerOnly);
            } catch (FileAlreadyExistsException e) {
                // made by another run meanwhile
            }
        } else {
            Files.createDirectories(directory);
        }
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A state file another user owns could hold any checkpoint they chose (an old one: a rollback goes unseen). */
    private void checkOwner(Path file) throws IOException, UnusableInputException {
        if (!posix(file)) {
            return;
        }
        UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(user)) {
            throw new UnusableInputException("the verifier's state " + file + " belongs to another user ("
                    + owner.getName() + "), not to " + user.getName() + ": whoever owns it can make this verifier "
                    + "accept an old checkpoint or forget what it saw; give --state a file of your own, in a "
                    + "directory of your own (or remove that file, then check the log against a checkpoint you "
                    + "saved)");
        }
    }

    /**
     * The state's directory, when it exists, must be owned by the user or root and not let others replace files in it
     * (writable by group or others only with the sticky bit, as /tmp).
     */
    private void checkDirectory(Path file) throws IOException, UnusableInputException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !posix(directory) || !Files.isDirectory(directory)) {
            return;
        }
        UserPrincipal owner = Files.getOwner(directory);
        boolean root = Integer.valueOf(0).equals(unixId(directory));
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        boolean openToOthers = permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (!owner.equals(user) && !root) {
            throw new UnusableInputException("the directory of the verifier's state, " + directory + ", belongs to "
                    + "another user (" + owner.getName() + "), who can replace the state in it; give --state a "
                    + "file in a directory of your own");
        }
        if (openToOthers && !sticky(directory)) {
            throw new UnusableInputException("the directory of the verifier's state, " + directory + ", may be "
                    + "changed by other users (mode " + PosixFilePermissions.toString(permissions) + ", no sticky "
                    + "bit), who can replace the state in it; chmod go-w it, or give --state a file in a directory "
                    + "of your own");
        }
    }

    private static Integer unixId(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The sticky bit (only its owner may remove or rename a file in the directory); false where it cannot be read. */
    private static boolean sticky(Path directory) {
        try {
            Object mode = Files.getAttribute(directory, "unix:mode");
            return mode instanceof Integer bits && (bits & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean writableByOthers(Path file) throws IOException {
        if (!posix(file)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        return permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}
