package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.RandomAccessStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the embedded server's data file close to the size of the data in it, while the server runs and at close.
 *
 * <p>MVStore never changes a page in place: every commit writes the pages it changed (and their parents up to each
 * map's root) as a new chunk at a free place in the file, and the older copies become dead. A chunk whose pages are
 * all dead is freed; one with a few live pages stays until they are rewritten elsewhere. Measured on a 100,000-event
 * ledger before this class (2.9 GB file, 235 MB of live pages), 90% of the file was dead copies: MVStore keeps dead
 * chunks 45 s (its retention time), the ledger commits hundreds of times a second, and compaction (2 MB every 30 s)
 * fell far behind. So:
 * <ul>
 *   <li>pages are compressed (LZF; set where the store is opened): the ledger's JSON-like documents and the
 *   Java-serialised index keys shrink to a quarter;</li>
 *   <li>dead chunks are freed two commits later (retention time 0, two versions kept): a request reads a
 *   version it has pinned ({@link PinnedVersionsBackend}), so nothing it may still read is freed under it, and the
 *   file's header names the last chunk after every commit ({@link HeaderAfterCommit}), so nothing a killed file's
 *   header leads to is freed either. (The retention time also guards against a power cut that loses writes the disk
 *   had not stored yet; the server does not {@code fsync} its commits anyway: its durability is against the process
 *   dying, see {@link SerializedWritesBackend}.)</li>
 *   <li>every second, if less than {@value #COMPACT_BELOW_PERCENT}% of the chunks' bytes are live, the live pages of
 *   the emptiest chunks are rewritten (1–4 MB at a time, more the emptier the file; the next commit writes them);
 *   when nothing commits (an idle ledger), this class commits them itself, between writes, through the write gate;</li>
 *   <li>the file shrinks when its end is free: MVStore truncates it whenever it writes a chunk inside the file and
 *   at least 1% can go, and at close. Chunks are not moved to shrink it: MVStore's chunk mover
 *   ({@code RandomAccessStore.compactMoveChunks}, what {@code MVStore.compactFile} uses) picks small chunks between
 *   holes rather than the chunks at the end, and left a 133 MB file with 36% free space between its chunks as it
 *   was in 30 rounds; its rounds commit, so they would also have to run between requests, with {@code fsync}s.</li>
 * </ul>
 * Nothing here changes what the file holds, only where: a commit still contains whole writes, in order.
 */
final class DataFileHousekeeping implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(DataFileHousekeeping.class);

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int COMPACT_BELOW_PERCENT = 80;

    private final RecoveringStore storage;
    private final OnlineBackup backups;
    private final ScheduledExecutorService thread;
    private long versionAtLastRun = -1;
    /** The message of the failure last logged, until a round succeeds (only the housekeeping thread uses it). */
    private String lastFailure;

    /**
     * Housekeeping for the store {@code storage} has open (another one after a full disk: each round takes the
     * store open then), skipping its rounds while {@code backups} copies the file; call {@link #start()} once the
     * server is up. The store is opened for it by {@link RecoveringStore}: compressed, retention time 0, every
     * request pinning its version, the header written after every commit.
     */
    DataFileHousekeeping(RecoveringStore storage, OnlineBackup backups) {
        this.storage = storage;
        this.backups = backups;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread housekeeper = new Thread(runnable, "embedded-mongo-housekeeping");
            housekeeper.setDaemon(true);
            return housekeeper;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::runQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(),
                                      TimeUnit.MILLISECONDS);
    }

    /** Runs a round; a failure is logged once until it changes or a round succeeds again (a full disk lasts). */
    private void runQuietly() {
        if (!storage.writable()) {
            return; // a full disk: the storage tries writing again by itself, and says so
        }
        try {
            backups.unlessCopying(this::runOnce);
            if (lastFailure != null) {
                LOGGER.info("Compacting the embedded server's data file works again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            if (storage.failed(e)) {
                return; // said once by the storage, which refuses writes until the file takes them again
            }
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastFailure)) {
                LOGGER.warn("Compacting the embedded server's data file failed; it is tried again every {} s",
                            INTERVAL.toSeconds(), e);
                lastFailure = failure;
            }
        }
    }

    /** One round: rewrite the live pages of mostly dead chunks, and commit them if nothing else does. */
    void runOnce() {
        MVStore store = storage.open().store(); // one store for the whole round, even if a failure replaces it
        if (store.isClosed()) {
            return;
        }
        int live = store.getFileStore().getChunksFillRate();
        if (live < COMPACT_BELOW_PERCENT) {
            // Small steps: the next commit writes the rewritten pages as one chunk, which should fit a free place
            // inside the file rather than go to its end.
            store.compact(COMPACT_BELOW_PERCENT, live < 40 ? 4 << 20 : live < 60 ? 2 << 20 : 1 << 20);
        }
        long version = store.getCurrentVersion();
        if (version == versionAtLastRun && store.hasUnsavedChanges()) {
            // Nothing committed since the last round (an idle ledger): write what compaction moved, between writes,
            // through the write gate (which commits the store open then, and counts the commit as its own). Lock
            // order: the backup's turn (held here), then the gate's commit turn and lock, then the store's.
            storage.writes().commitNow();
        }
        versionAtLastRun = store.getCurrentVersion();
    }

    /** What the file holds now. */
    DataFileSpace space() {
        FileStore<?> file = storage.store().getFileStore();
        long size = file.size();
        int used = file instanceof RandomAccessStore chunks ? chunks.getFillRate() : 100;
        int live = file.getChunksFillRate();
        return new DataFileSpace(size, used, live, size * used / 100 * live / 100);
    }

    /** The live bytes of each map in the file, largest first (reads every page: for diagnosis, not for a hot path). */
    List<DataFileSpace.MapSpace> maps() {
        MVStore store = storage.store();
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            List<DataFileSpace.MapSpace> maps = new ArrayList<>();
            for (String name : store.getMapNames()) {
                String id = store.getMetaMap().get(DataUtils.META_NAME + name);
                MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
                if (map != null) {
                    maps.add(new DataFileSpace.MapSpace(name, map.sizeAsLong(),
                                                        map.getRootPage().getDiskSpaceUsed(false)));
                }
            }
            maps.sort(Comparator.comparingLong(DataFileSpace.MapSpace::bytes).reversed());
            return maps;
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    /** Stops the rounds; the store's close then commits what is left and truncates the free end of the file. */
    void stop() {
        thread.shutdown(); // no interrupt: an interrupted file write would close MVStore's file channel
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdown(); // no interrupt, as above
    }
}
