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
 * to both applications ({@code ledger.audit.origin}). {@code --origin} when given; otherwise the origin recorded in the
 * data directory ({@code log-origin}) at the first start, so that it stays the same when the ports or the host change.
 * A ledger that already has a checkpoint key keeps the origin the key is named with; a new one without
 * {@code --origin} gets a made-up one, {@code consensus-ledger.localhost/<16 random hex digits>}: unique to the install
 * (not the same {@code localhost:8082} for every default install), and plainly not a name of anyone's.
 */
final class LogOrigin {

    private static final Logger LOGGER = LoggerFactory.getLogger(LogOrigin.class);
    static final String FILE = "log-origin";
    static final String MADE_UP_PREFIX = "consensus-ledger.localhost/";

    private LogOrigin() {
    }

    /**
     * The origin to run with.
     *
     * @param given the {@code --origin} option, or null
     * @throws IllegalStateException saying what to do, when it contradicts the existing key or cannot name a log
     */
    static String resolve(Path dataDirectory, Path keys, String given) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        Optional<String> recorded = Files.isRegularFile(file)
                ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                : Optional.empty();
        Optional<String> keyName = KeysDirectory.verifierKey(keys.resolve(KeysDirectory.CHECKPOINT_KEY))
                                                .map(KeyText.VerifierKey::name);
        String origin;
        if (given != null && !given.isBlank()) {
            origin = given.strip();
            try {
                KeyText.checkName(origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("--origin '" + origin + "' cannot name a log: it must be non-empty, "
                        + "without spaces, '+' or control characters (a schema-less URL such as "
                        + "ledger.example.org/log)");
            }
            if (keyName.isPresent() && !keyName.get().equals(origin)) {
                throw new IllegalStateException("--origin is '" + origin + "', but this ledger's checkpoint key ("
                        + keys.resolve(KeysDirectory.CHECKPOINT_KEY).toAbsolutePath() + ") is named '" + keyName.get()
                        + "': its log's origin is '" + keyName.get() + "', and every checkpoint it signed says so. "
                        + "A log cannot change its origin: start with --origin " + keyName.get() + " (or without "
                        + "--origin)");
            }
        } else if (recorded.isPresent()) {
            origin = recorded.get();
            if (keyName.isPresent() && !keyName.get().equals(origin)) {
                throw new IllegalStateException("The origin recorded in " + file.toAbsolutePath() + " is '" + origin
                        + "', but the checkpoint key in " + keys.toAbsolutePath() + " is named '" + keyName.get()
                        + "': is it this ledger's key? Start with --origin " + keyName.get() + " if it is");
            }
        } else if (keyName.isPresent()) {
            origin = keyName.get();
            LOGGER.info("This ledger's checkpoint key is named '{}': that stays its log's origin", origin);
        } else {
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            origin = MADE_UP_PREFIX + HexFormat.of().formatHex(random);
            LOGGER.warn("This ledger's log is named '{}', a name made up for this install and kept in {}. Its "
                                + "checkpoints and signing key are named after it from now on. For a ledger that "
                                + "others will audit, start a new one with --origin <a stable name of yours, e.g. "
                                + "ledger.example.org/log> (docs/audit.md, The log's identity)", origin,
                        file.toAbsolutePath());
        }
        if (recorded.isEmpty() || !recorded.get().equals(origin)) {
            record(file, origin);
        }
        return origin;
    }

    /** Writes the origin, owner-only, under another name first, then moved over {@code file}. */
    private static void record(Path file, String origin) throws IOException {
        Path writing = file.resolveSibling(FILE + ".writing");
        Files.deleteIfExists(writing);
        BackupManifest.writeOwnerOnly(writing, (origin + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(writing, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
