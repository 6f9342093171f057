package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The running embedded server's backups: answers {@link DataFileBackup#COMMAND} in front of the backend it wraps
 * (every other command goes through unchanged), copies the data file on a thread of its own (the command answers at
 * once; the client asks for the state until it is done, so no network thread waits for the copy), into
 * {@code backups/<id>/ledger.mv} beside the data file, its owner's only. Where the copy goes is never the client's
 * to choose. One backup at a time; compaction waits its turn meanwhile ({@link #unlessCopying}).
 */
final class OnlineBackup extends ForwardingBackend {

    private static final Logger LOGGER = LoggerFactory.getLogger(OnlineBackup.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                                                                 .withZone(ZoneOffset.UTC);
    private static final int STATES_KEPT = 20;

    private final MongoBackend delegate;
    /** The store open now: after a failure to write (a full disk) the file is opened again as another store. */
    private final Supplier<MVStore> store;
    private final Runnable commitPending;
    private final Path backups;
    private final Clock clock;
    /** Held while a copy is taken, and by compaction while it runs: they take turns. */
    private final ReentrantLock copying = new ReentrantLock();
    private final Map<String, Document> states = new LinkedHashMap<>();

    OnlineBackup(MongoBackend delegate, Supplier<MVStore> store, Runnable commitPending, Path dataFile, Clock clock) {
        this.delegate = delegate;
        this.store = store;
        this.commitPending = commitPending;
        this.backups = dataFile.toAbsolutePath().getParent().resolve(DataFileBackup.BACKUPS_FOLDER);
        this.clock = clock;
    }

    /**
     * Runs {@code compaction} unless a backup is copying the file (then it skips this turn: compaction moves pages
     * and would make the copy slower to take and the file larger meanwhile); a backup that starts waits for a
     * running compaction to finish.
     */
    void unlessCopying(Runnable compaction) {
        if (!copying.tryLock()) {
            return;
        }
        try {
            compaction.run();
        } finally {
            copying.unlock();
        }
    }

    private Document answer(Document query) {
        Object what = query.get(DataFileBackup.COMMAND);
        if ("status".equals(what)) {
            synchronized (states) {
                Document state = states.get(String.valueOf(query.get("id")));
                if (state == null) {
                    return refused("No backup " + query.get("id") + " was started since the ledger "
                                                           + "started");
                }
                return new Document(state).append("ok", 1.0);
            }
        }
        if (!"start".equals(what)) {
            return refused(DataFileBackup.COMMAND + " takes \"start\" or \"status\" (with an id)");
        }
        String id = ID.format(clock.instant());
        Path folder = backups.resolve(id);
        Document state = new Document("id", id).append("state", "copying")
                                               .append("file", folder.resolve("ledger.mv").toString());
        synchronized (states) {
            if (states.values().stream().anyMatch(s -> "copying".equals(s.get("state")))) {
                return refused("A backup is already being taken; wait for it to finish");
            }
            if (states.containsKey(id)) {
                return refused("A backup was started this very millisecond; start again");
            }
            states.put(id, state);
            while (states.size() > STATES_KEPT) {
                states.remove(states.keySet().iterator().next());
            }
        }
        Thread thread = new Thread(() -> take(folder, state), "embedded-mongo-backup");
        thread.setDaemon(true);
        thread.start();
        return new Document(state).append("ok", 1.0);
    }

    /**
     * An answer in words to the client, as MongoDB answers a command it refuses ({@code ok: 0}, {@code errmsg}); not
     * thrown, since the server logs every exception a command throws as its own error.
     */
    private static Document refused(String message) {
        return new Document("ok", 0.0).append("errmsg", message).append("code", 2).append("codeName", "BadValue");
    }

    private void take(Path folder, Document state) {
        copying.lock();
        try {
            ownerOnlyDirectory(backups);
            ownerOnlyDirectory(folder);
            DataFileBackup.Copy copy = DataFileBackup.copy(store.get(), commitPending, folder.resolve("ledger.mv"));
            synchronized (states) {
                state.append("size", copy.size()).append("sha256", copy.sha256()).append("version", copy.version())
                     .append("entries", copy.entries()).append("state", "done");
            }
            LOGGER.info("Backup {} taken: {} ({} bytes, {} entries, checked)", state.get("id"), copy.file(),
                        copy.size(), copy.entries());
        } catch (RuntimeException | IOException e) {
            LOGGER.error("Backup {} failed", state.get("id"), e);
            deleteQuietly(folder);
            synchronized (states) {
                state.append("error", String.valueOf(e.getMessage())).append("state", "failed");
            }
        } finally {
            synchronized (states) {
                if ("copying".equals(state.get("state"))) { // an Error: the copy never ends "copying"
                    state.append("error", "The backup stopped unexpectedly: see the server's log")
                         .append("state", "failed");
                }
            }
            copying.unlock();
        }
    }

    private static void ownerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DataFileBackup.OWNER_DIRECTORY));
        } else {
            Files.createDirectory(directory);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOGGER.warn("Could not remove the failed backup's folder {}", folder, e);
        }
    }

    @Override
    MongoBackend delegate() {
        return delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (DataFileBackup.COMMAND.equalsIgnoreCase(command)) {
            return answer(query);
        }
        return delegate.handleCommand(channel, database, command, query);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        if (DataFileBackup.COMMAND.equalsIgnoreCase(query.keySet().iterator().next())) {
            return answer(query);
        }
        return delegate.handleMessage(message);
    }
}
