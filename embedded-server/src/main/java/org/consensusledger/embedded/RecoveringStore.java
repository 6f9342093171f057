package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.exception.MongoServerException;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded server's MVStore file, kept serving through a full disk. When a commit cannot be written (MVStore
 * then closes itself), writes are refused with MongoDB's {@code OutOfDiskSpace} error (see
 * {@link FileState}) and the file is opened again at once, so that what it holds can still be
 * read. Every retry interval a small write of its own is committed; once one reaches the file, writes are taken
 * again. What was acknowledged stays: a journaled write is acknowledged only once committed, and the commit that
 * failed acknowledged nothing. The failure is logged once with its cause, then summarised once a minute, and the
 * recovery once.
 */
final class RecoveringStore implements FileState {

    private static final Logger LOGGER = LoggerFactory.getLogger(RecoveringStore.class);

    /** How often a still-failing file is summarised in the log. */
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    /** A map of its own that the retry writes to find out whether the file takes writes again. */
    private static final String PROBE_MAP = "ledger.storage-probe";

    private final String fileName;
    private final Path shownFile;
    private final Duration retryInterval;
    private final SerializedWritesBackend writes;
    /**
     * The store open now and the backend on it (pinning the version each request reads, {@link DataFileHousekeeping}),
     * changed as one under the gate's exclusive lock: a commit (which runs under that lock) always commits the store
     * the writes it covers were applied to.
     */
    private volatile Open open;
    /** Why writes are refused now, or null while they are stored. */
    private volatile Failure failure;
    /** Set when the server stops: the file is not opened again. */
    private boolean stopped;

    /** A store and the backend on it, read together. */
    record Open(MVStore store, PinnedVersionsBackend backend) {
    }

    private static final class Failure {
        final Instant since = Instant.now();
        final String reason;
        final AtomicLong refused = new AtomicLong();
        long refusedAtSummary;
        Instant summarised = since;

        Failure(String reason) {
            this.reason = reason;
        }
    }

    private RecoveringStore(String fileName, Path shownFile, Duration retryInterval) {
        this.fileName = fileName;
        this.shownFile = shownFile;
        this.retryInterval = retryInterval;
        MVStore store = openStore(fileName);
        this.open = new Open(store, new PinnedVersionsBackend(BsonH2Backend.on(store), store));
        this.writes = new SerializedWritesBackend(open.backend(), this::commit, this);
    }

    /**
     * Opens {@code fileName} (an MVStore file name: a path, or a path on another of H2's file systems), shown in
     * the log as {@code shownFile}, retrying a failed write every {@code retryInterval}.
     */
    static RecoveringStore open(String fileName, Path shownFile, Duration retryInterval) {
        return new RecoveringStore(fileName, shownFile, retryInterval);
    }

    private static MVStore openStore(String fileName) {
        // No automatic commits: MVStore's would run in the middle of a write (between a document and its index
        // entries); SerializedWritesBackend commits between writes instead.
        // Pages compressed (LZF): a quarter of the bytes of documents and index keys; dead chunks freed two commits
        // later, each request pinning the version it reads (see DataFileHousekeeping), the file's header naming the
        // last chunk after every commit (HeaderAfterCommit).
        MVStore opened = new MVStore.Builder().fileName(fileName).autoCommitDisabled().autoCommitBufferSize(0)
                                              .compress().open();
        HeaderAfterCommit.opened(opened);
        return opened;
    }

    /** The write gate in front of the file's backend; the server answers through it. */
    SerializedWritesBackend writes() {
        return writes;
    }

    /** The store open now (another one after a failure). */
    MVStore store() {
        return open.store();
    }

    /** The store open now and the backend on it, as one. */
    Open open() {
        return open;
    }

    /**
     * Run by the gate under its exclusive lock, where the store open cannot change. A store that closed itself (a
     * write of it failed) is not committed: MVStore's commit of a closed store returns without writing, which would
     * acknowledge writes that are not in the file; that is a failure like any other, until the file is opened again.
     */
    private void commit() {
        MVStore store = open.store();
        if (store.isClosed()) {
            throw closedBy(store, "the data file failed a write before this commit");
        }
        // -1 is also "nothing new to write"; -1 on a closed store: it was closed (by a failure outside the gate, say the
        // housekeeping's compaction) before this commit wrote anything. A commit that completed returns its version
        // even if the store closes just after.
        if (store.commit() < 0 && store.isClosed()) {
            throw closedBy(store, "the data file closed before this commit was written");
        }
        HeaderAfterCommit.committed(store);
    }

    /** What closed {@code store}: the failure it closed itself on (the disk's own words), else {@code words}. */
    private static RuntimeException closedBy(MVStore store, String words) {
        RuntimeException panic = store.getPanicException();
        return panic != null ? panic : new UncheckedIOException(new IOException(words));
    }

    @Override
    public boolean writable() {
        return failure == null;
    }

    @Override
    public String refuse() {
        Failure current = failure;
        if (current == null) {
            return null;
        }
        current.refused.incrementAndGet();
        return current.reason;
    }

    @Override
    public synchronized boolean failed(RuntimeException e) {
        MVStore store = open.store();
        if (e instanceof MongoServerException || !(store.isClosed() || fromTheFile(e))) {
            return false; // the write's own error (a duplicate key, a bad query): the file is fine
        }
        if (stopped) {
            return true;
        }
        if (failure == null) {
            failure = new Failure("The embedded server cannot write its data file (" + cause(e) + "): nothing "
                                          + "was stored. Writes are taken again by themselves once space is freed "
                                          + "on its disk.");
            LOGGER.error("The embedded server cannot write its data file {}: {}. Every write is refused (error {} "
                                 + "OutOfDiskSpace), nothing is acknowledged, reads go on; free space on its disk: "
                                 + "it tries again every {} and takes writes again by itself", shownFile, cause(e),
                         SerializedWritesBackend.OUT_OF_DISK_SPACE, words(retryInterval), e);
            reopenForReads();
        } else if (store.isClosed() || writes.brokenNow()) {
            // Not yet open again, or a write failed half way on it; a failure from the store it replaced needs
            // nothing more.
            reopenForReads();
        }
        return true;
    }

    @Override
    public boolean isFileFailure(RuntimeException e) {
        return !(e instanceof MongoServerException) && (open.store().isClosed() || fromTheFile(e));
    }

    /**
     * Closes the file cleanly, or, while it cannot be written, without writing: everything acknowledged is in it
     * already, and nothing has been applied since the failure.
     */
    @Override
    public synchronized void close(MongoBackend backend) {
        MVStore store = open.store();
        // A write that failed half way is in the store uncommitted: closing cleanly would commit it.
        boolean wasFailing = failure != null || writes.brokenNow();
        // From now on a failure (a commit racing the close) never opens the file again.
        stopped = true;
        if (!wasFailing) {
            try {
                backend.close();
                return;
            } catch (RuntimeException e) {
                if (!store.isClosed() && !fromTheFile(e)) {
                    throw e;
                }
                LOGGER.error("The embedded server could not write its data file {} while stopping ({}): what it "
                                     + "acknowledged is in the file", shownFile, cause(e));
            }
        } else {
            LOGGER.warn("The embedded server stops while it cannot write its data file {}: what it acknowledged is "
                                + "in the file; free space on its disk before starting it again", shownFile);
        }
        failure = new Failure("The embedded server is stopping.");
        if (!store.isClosed()) {
            store.closeImmediately();
        }
    }

    /**
     * Run every retry interval: while writes are refused, commits a small write of its own; once it reaches the file,
     * writes are taken again.
     */
    synchronized void retry() {
        Failure current = failure;
        if (current == null || stopped || Duration.between(current.since, Instant.now()).compareTo(retryInterval) < 0) {
            return; // refused for one interval at least: a batch whose writes the failed store lost sees it fail
        }
        if (open.store().isClosed() || writes.brokenNow()) {
            reopenForReads();
        }
        try {
            writes.exclusively(() -> {
                if (writes.brokenNow()) {
                    throw new UncheckedIOException(new IOException("a write failed half way on the data file"));
                }
                MVStore store = open.store();
                store.<String, Long>openMap(PROBE_MAP).put("written", System.currentTimeMillis());
                store.commit();
                HeaderAfterCommit.committed(store);
            });
        } catch (RuntimeException stillFailing) {
            LOGGER.debug("The data file still cannot be written", stillFailing);
            reopenForReads();
            summarise(current);
            return;
        }
        failure = null;
        LOGGER.warn("The embedded server writes its data file {} again, after {}; {} writes were refused meanwhile "
                            + "(none acknowledged)", shownFile, words(Duration.between(current.since, Instant.now())),
                    current.refused.get());
    }

    private void summarise(Failure current) {
        Instant now = Instant.now();
        if (Duration.between(current.summarised, now).compareTo(SUMMARY_INTERVAL) < 0) {
            return;
        }
        long refused = current.refused.get();
        LOGGER.warn("The embedded server still cannot write its data file {} (since {}): {} writes refused in the "
                            + "last {}, {} in all; free space on its disk", shownFile, current.since,
                    refused - current.refusedAtSummary, words(Duration.between(current.summarised, now)), refused);
        current.summarised = now;
        current.refusedAtSummary = refused;
    }

    /**
     * Closes the failed store (what it held but had not committed is gone: nothing of it was acknowledged as
     * journaled) and opens the file again behind the gate, so that reads answer from what it holds. Opening needs
     * no write; if it fails, the next retry tries again.
     */
    private void reopenForReads() {
        // Closed between writes, under the gate's exclusive lock: never under a commit running on it, whose
        // MVStore commit would then return without writing and count as done.
        writes.exclusively(() -> {
            MVStore failed = open.store();
            if (!failed.isClosed()) {
                failed.closeImmediately();
            }
        });
        try {
            MVStore reopened = openStore(fileName);
            Open now = new Open(reopened, new PinnedVersionsBackend(BsonH2Backend.on(reopened), reopened));
            // Under the gate's exclusive lock (reentrant: replace takes it again), so that no commit runs between
            // the gate taking the new backend and this taking the new store: a write applied to the new store is
            // committed to it, never "committed" to the closed one (whose commit returns without writing).
            writes.exclusively(() -> {
                writes.replace(now.backend());
                open = now;
            });
        } catch (RuntimeException e) {
            LOGGER.debug("The data file cannot be opened again yet", e);
        }
    }

    /** {@code 5 s}, {@code 2 min 3 s}, {@code 50 ms}. */
    static String words(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static boolean fromTheFile(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MVStoreException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The operating system's words for the failure ("No space left on device"), else the store's. */
    private static String cause(Throwable e) {
        String words = e.getMessage();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && cause.getMessage() != null) {
                return cause.getMessage();
            }
            if (cause.getMessage() != null) {
                words = cause.getMessage();
            }
        }
        return String.valueOf(words);
    }
}
