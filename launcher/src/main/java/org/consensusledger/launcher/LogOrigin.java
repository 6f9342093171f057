package org.consensusledger.launcher;

import org.consensusledger.tlog.KeyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The log's origin (its identity: every checkpoint's first line and its signing key's name), as the launcher gives it
 * to both applications ({@code ledger.audit.origin}). Recorded at the first start in the data directory and in the
 * keys directory ({@code log-origin} in each), which binds the two: a data directory and a keys directory whose recorded
 * origins differ are refused, and so is a new data directory beside a keys directory that already holds a log's keys
 * (two ledgers sharing one {@code keys} folder would sign two different trees under one name: a split view). The
 * origin is the recorded one; {@code --origin} may only repeat it. A ledger made before the origin was recorded (its
 * data file or its key of the earlier layout in the data directory) keeps the origin its checkpoint key is named with;
 * a new one without {@code --origin} gets a made-up one, {@code consensus-ledger.localhost/<16 random hex digits>}:
 * unique to the install (not the same {@code localhost:8082} for every default install), and plainly not a name of
 * anyone's.
 */
final class LogOrigin {

    private static final Logger LOGGER = LoggerFactory.getLogger(LogOrigin.class);
    static final String FILE = "log-origin";
    static final String MADE_UP_PREFIX = "consensus-ledger.localhost/";

    private LogOrigin() {
    }

    /**
     * Whether {@code dataDirectory} holds a ledger made before its origin was recorded: its data file, or its
     * checkpoint key of the earlier layout (asked before that key is moved to the keys directory).
     */
    static boolean holdsEarlierLedger(Path dataDirectory) {
        return Files.exists(BackupManifest.dataFile(dataDirectory))
                || Files.isRegularFile(dataDirectory.resolve(KeysDirectory.CHECKPOINT_KEY));
    }

    /** The origin recorded in {@code directory} (a data or a keys directory), if any. */
    static Optional<String> recorded(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        return Files.isRegularFile(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                : Optional.empty();
    }

    /**
     * The log whose keys {@code keys} holds: the origin recorded there, else the name of its checkpoint key (or of a
     * prepared one); empty for a directory without either.
     */
    static Optional<String> ofKeys(Path keys) throws IOException {
        Optional<String> bound = recorded(keys);
        if (bound.isPresent()) {
            return bound;
        }
        return KeysDirectory.verifierKey(keys.resolve(KeysDirectory.CHECKPOINT_KEY))
                            .or(() -> KeysDirectory.verifierKey(keys.resolve(KeysDirectory.NEXT_CHECKPOINT_KEY)))
                            .map(KeyText.VerifierKey::name);
    }

    /** As {@link #resolve(Path, Path, String, boolean)}, asking the data directory whether it holds an earlier ledger. */
    static String resolve(Path dataDirectory, Path keys, String given) throws IOException {
        return resolve(dataDirectory, keys, given, holdsEarlierLedger(dataDirectory));
    }

    /**
     * The origin to run with, recorded in both directories.
     *
     * @param given         the {@code --origin} option, or null
     * @param earlierLedger whether the data directory holds a ledger made before the origin was recorded
     *                      ({@link #holdsEarlierLedger}, asked before the keys were prepared)
     * @throws IllegalStateException saying what to do, when it contradicts the recorded origin or the existing key,
     *                               when the keys directory holds another log's keys, or when it cannot name a log
     */
    static String resolve(Path dataDirectory, Path keys, String given, boolean earlierLedger) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        Optional<String> recorded = recorded(dataDirectory);
        Optional<String> bound = recorded(keys);
        Path keyFile = keys.resolve(KeysDirectory.CHECKPOINT_KEY);
        Optional<String> keyName = KeysDirectory.verifierKey(keyFile).map(KeyText.VerifierKey::name);
        Optional<String> asked = Optional.ofNullable(given).map(String::strip).filter(s -> !s.isEmpty());
        if (asked.isPresent()) {
            try {
                KeyText.checkName(asked.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("--origin '" + asked.get() + "' cannot name a log: it must be "
                        + "non-empty, without spaces, '+' or control characters (a schema-less URL such as "
                        + "ledger.example.org/log)");
            }
        }
        String origin;
        if (recorded.isPresent()) {
            origin = recorded.get();
            if (asked.isPresent() && !asked.get().equals(origin)) {
                throw new IllegalStateException("--origin is '" + asked.get() + "', but the log of this ledger ("
                        + dataDirectory.toAbsolutePath() + ") is '" + origin + "', recorded in " + file.toAbsolutePath()
                        + " at its first start; every checkpoint it signed says so. A log cannot change its origin: "
                        + "start with --origin " + origin + " (or without --origin). To start a new log named '"
                        + asked.get() + "' deliberately, start a new ledger: a new, empty --data-dir and --keys");
            }
            if (bound.isPresent() && !bound.get().equals(origin)) {
                throw otherLogsKeys(keys, bound.get(), dataDirectory, "whose log is '" + origin + "'");
            }
            if (keyName.isPresent() && !keyName.get().equals(origin)) {
                throw new IllegalStateException("The origin recorded in " + file.toAbsolutePath() + " is '" + origin
                        + "', but the checkpoint key in " + keys.toAbsolutePath() + " is named '" + keyName.get()
                        + "': the keys directory " + keys.toAbsolutePath() + " holds the keys of the log '"
                        + keyName.get() + "', not this ledger's; give this ledger its own --keys (the one it ran with)");
            }
        } else {
            if (bound.isPresent()) {
                throw otherLogsKeys(keys, bound.get(), dataDirectory, "which records no log");
            }
            if (earlierLedger && keyName.isPresent()) {
                // A ledger made before the origin was recorded: its identity is the name its key signed with.
                origin = keyName.get();
                if (asked.isPresent() && !asked.get().equals(origin)) {
                    throw new IllegalStateException("--origin is '" + asked.get() + "', but this ledger's checkpoint "
                            + "key (" + keyFile.toAbsolutePath() + ") is named '" + origin + "': its log's origin is '"
                            + origin + "', and every checkpoint it signed says so. A log cannot change its origin: "
                            + "start with --origin " + origin + " (or without --origin)");
                }
                LOGGER.info("This ledger's checkpoint key is named '{}': that stays its log's origin", origin);
            } else if (!KeysDirectory.keyFiles(keys).isEmpty()) {
                throw otherLogsKeys(keys, keyName.orElse("(unnamed)"), dataDirectory,
                                    "which holds no ledger");
            } else if (asked.isPresent()) {
                origin = asked.get();
            } else {
                byte[] random = new byte[8];
                new SecureRandom().nextBytes(random);
                origin = MADE_UP_PREFIX + HexFormat.of().formatHex(random);
                LOGGER.warn("This ledger's log is named '{}', a name made up for this install and kept in {}. Its "
                                    + "checkpoints and signing key are named after it from now on. For a ledger that "
                                    + "others will audit, start a new one with --origin <a stable name of yours, e.g."
                                    + " ledger.example.org/log> (docs/audit.md, The log's identity)", origin,
                            file.toAbsolutePath());
            }
        }
        // The data directory first: a start interrupted in between finds the keys directory unbound, and binds it.
        if (recorded.isEmpty()) {
            record(file, origin);
        }
        if (bound.isEmpty()) {
            DataDirectory.ownerOnly(keys, "keys directory");
            record(keys.resolve(FILE), origin);
            KeysDirectory.syncDirectory(keys);
        }
        return origin;
    }

    /**
     * Refuses a keys directory that holds another log's keys than the ledger in {@code dataDirectory} ({@code
     * rotate-key}, {@code restore}): one bound to, or holding a key of, a log other than the one recorded in the data
     * directory, or any log's keys beside a data directory that records none (unless {@code keysNamed}: the operator
     * named that keys directory).
     */
    static void requireKeysOf(Path dataDirectory, Path keys, boolean keysNamed) throws IOException {
        Optional<String> keysLog = ofKeys(keys);
        if (keysLog.isEmpty()) {
            return;
        }
        Optional<String> recorded = recorded(dataDirectory);
        if (recorded.isPresent() && !recorded.get().equals(keysLog.get())) {
            throw otherLogsKeys(keys, keysLog.get(), dataDirectory, "whose log is '" + recorded.get() + "'");
        }
        if (recorded.isEmpty() && !keysNamed && !holdsEarlierLedger(dataDirectory)) {
            throw otherLogsKeys(keys, keysLog.get(), dataDirectory, "which holds no ledger");
        }
    }

    private static IllegalStateException otherLogsKeys(Path keys, String log, Path dataDirectory, String which) {
        return new IllegalStateException("The keys directory " + keys.toAbsolutePath() + " holds the keys of the log '"
                + log + "', not of the ledger in " + dataDirectory.toAbsolutePath() + " (" + which + "): two ledgers "
                + "sharing one keys directory would sign two different logs under one name. Give this ledger its own "
                + "--keys (an empty folder for a new ledger), or name the --data-dir of the ledger whose keys these "
                + "are (docs/operations.md, The keys directory)");
    }

    /** Writes the origin, owner-only, under another name first, then moved over {@code file}. */
    private static void record(Path file, String origin) throws IOException {
        Path writing = file.resolveSibling(FILE + ".writing");
        Files.deleteIfExists(writing);
        BackupManifest.writeOwnerOnly(writing, (origin + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(writing, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
