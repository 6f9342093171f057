package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Wraps the embedded server's backend with the guarantees an event log needs and the backend lacks:
 * <ul>
 *   <li>Writes to one collection are applied one at a time. The backend checks unique indexes and then inserts
 *   without a lock, so two connections inserting the same key at once could both succeed; serialised, a unique key
 *   means unique. Writes to different collections that exist already run side by side (a projection's write does
 *   not hold up an append to the log); a write that may create its collection, and every change of schema, runs
 *   alone.</li>
 *   <li>A write that asks to be journaled ({@code writeConcern} with {@code j: true}, {@code fsync: true} or
 *   {@code w: "majority"}, as the event log's appends do), and every change of schema (indexes, collections,
 *   databases), is committed to the file before it is acknowledged. Other writes are committed by
 *   {@link #commitPending()}, which the server runs every 100 ms: the embedded counterpart of MongoDB's journal
 *   interval, so that read models and tokens do not wait for the file.</li>
 *   <li>A commit runs between writes, never during one (the backend changes several maps per write: documents
 *   and each index), so the file always holds whole writes. Writes that arrive while one commit is writing share
 *   the next one (group commit).</li>
 *   <li>While the file cannot be written (a full disk), writes are answered with MongoDB's {@code OutOfDiskSpace}
 *   error (code 14031, a message in words) without being applied, and reads go on ({@link FileState}). A write
 *   applied to a store that then failed and was replaced ({@link #replace}) is never acknowledged as journaled.</li>
 * </ul>
 */
final class SerializedWritesBackend extends ForwardingBackend {

    /** Commands that change data; everything else reads (an aggregation writes only with $out or $merge). */
    private static final Set<String> WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "dropdatabase",
            "create", "renamecollection", "mapreduce", "bulkwrite", "collmod");

    /** Writes of documents to the one collection the command names; they may run beside writes to others. */
    private static final Set<String> COLLECTION_WRITES = Set.of("insert", "update", "delete", "findandmodify");

    /** Writes of documents, which are committed before the reply only when their write concern asks for it. */
    private static final Set<String> DOCUMENT_WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "mapreduce", "bulkwrite", "aggregate");

    /** MongoDB's error code for a write refused for want of disk space. */
    static final int OUT_OF_DISK_SPACE = FileState.OUT_OF_DISK_SPACE;

    /** A write applied to a store that failed before committing it: it is not in the file and never will be. */
    private static final class NotStored extends RuntimeException {
        NotStored() {
            super("The write was applied to a data file that failed before storing it", null, false, false);
        }
    }

    private volatile MongoBackend delegate;
    private final Runnable commit;
    private final FileState file;
    /** Which store the delegate is: changed (under the exclusive lock) whenever it is replaced. */
    private volatile long generation;
    private volatile MongoVersion version;
    /** Shared by writes to existing collections; exclusive for commits, schema changes and new collections. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final Map<String, ReentrantLock> collectionLocks = new ConcurrentHashMap<>();
    /** Collections a write has been applied to since the last change of schema: they exist. */
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final Object commitTurn = new Object();
    /** Writes applied so far. */
    private final AtomicLong applied = new AtomicLong();
    /** Writes known to be in the file; changed only in the commit turn. */
    private volatile Committed committed = new Committed(0, 0);
    /** For each store replaced, the last write committed to it. */
    private final Map<Long, Long> retired = new ConcurrentHashMap<>();
    /**
     * The store (generation) a write failed half way on, the file failing under it (-1: none): nothing more is
     * committed to it, since a commit would store that part of a refused write; it is replaced by the file opened
     * again ({@link #replace}), which drops what it held uncommitted.
     */
    private volatile long broken = -1;

    /** The last write known to be in the file, and which store it went to: read and changed as one. */
    private record Committed(long generation, long upTo) {
    }

    /**
     * @param commit writes everything applied so far to the file (for the H2 backend: an MVStore commit), or
     *               {@code null} when there is no file
     */
    SerializedWritesBackend(MongoBackend delegate, Runnable commit) {
        this(delegate, commit, FileState.NONE);
    }

    SerializedWritesBackend(MongoBackend delegate, Runnable commit, FileState file) {
        this.delegate = delegate;
        this.commit = commit;
        this.file = file;
    }

    /**
     * Commits the writes applied since the last commit, if any; the server runs this every 100 ms. A failure of the
     * file is handed to the {@link FileState} (not thrown); while writes are refused there is nothing to commit.
     */
    void commitPending() {
        if (!file.writable()) {
            return;
        }
        try {
            commitUpTo(applied.get(), generation);
        } catch (NotStored replacedMeanwhile) {
            // the store was replaced since this began: the writes it meant were refused or lost with it
        } catch (RuntimeException e) {
            if (!file.failed(e)) {
                throw e;
            }
        }
    }

    /**
     * Commits now, between writes, even if no write is waiting for it: for changes the store holds that are not
     * writes (the housekeeping's compaction on an idle ledger). Counts as the commit of every write applied so far,
     * as any commit does.
     */
    void commitNow() {
        if (commit == null) {
            return;
        }
        synchronized (commitTurn) {
            gate.writeLock().lock();
            try {
                refuseIfBroken();
                long upTo = applied.get();
                commit.run();
                committed = new Committed(generation, upTo);
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    /** Whether a write failed half way on the store behind the gate now (it must be replaced before any commit). */
    boolean brokenNow() {
        return broken == generation;
    }

    /** Under the gate's exclusive lock, before a commit: refused if a write failed half way on this store. */
    private void refuseIfBroken() {
        if (brokenNow()) {
            throw new UncheckedIOException(new IOException("a write failed half way on the data file: nothing more "
                                                                   + "is committed until it is opened again"));
        }
    }

    /**
     * Puts {@code backend} (the same file opened again) behind the gate, between writes. Writes applied to the one
     * it replaces and not yet committed are lost: a journaled one among them is answered with the error, not
     * acknowledged; open cursors are gone.
     */
    void replace(MongoBackend backend) {
        gate.writeLock().lock();
        try {
            if (version != null) {
                backend.version(version);
            }
            delegate = backend;
            retired.put(generation, committed.upTo());
            generation++;
            existing.clear();
            committed = new Committed(generation, applied.get());
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Runs {@code action} between writes, alone (the lock is reentrant: {@link #replace} may run in it). */
    void exclusively(Runnable action) {
        gate.writeLock().lock();
        try {
            action.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Writes waiting for a lock now (for tests). */
    int writesWaiting() {
        return gate.getQueueLength() + collectionLocks.values().stream().mapToInt(ReentrantLock::getQueueLength).sum();
    }

    private void commitUpTo(long write, long appliedTo) {
        if (commit == null) {
            return;
        }
        if (inTheFile(write, appliedTo)) {
            return;
        }
        synchronized (commitTurn) {
            if (inTheFile(write, appliedTo)) {
                return; // a commit that started after this write was applied covered it
            }
            gate.writeLock().lock();
            try {
                if (inTheFile(write, appliedTo)) {
                    return;
                }
                refuseIfBroken();
                long upTo = applied.get();
                commit.run();
                committed = new Committed(generation, upTo);
            } finally {
                gate.writeLock().unlock();
            }
        }
    }

    /**
     * Whether write number {@code write}, applied to store {@code appliedTo}, is in the file; {@link NotStored} if
     * that store was replaced before it was committed there (it never will be).
     */
    private boolean inTheFile(long write, long appliedTo) {
        Committed known = committed;
        if (known.generation() == appliedTo) {
            return known.upTo() >= write;
        }
        Long committedThere = retired.get(appliedTo);
        if (committedThere != null && committedThere >= write) {
            return true;
        }
        throw new NotStored();
    }

    @Override
    MongoBackend delegate() {
        return delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            // The modern name of isMaster (MongoDB 4.4+), which health checks send; the backend knows only the old one.
            Document reply = delegate.handleCommand(channel, database, "isMaster", query);
            reply.put("isWritablePrimary", Boolean.TRUE);
            return reply;
        }
        if (!isWrite(command, query)) {
            try {
                return delegate.handleCommand(channel, database, command, query);
            } catch (RuntimeException e) {
                if (!file.failed(e)) {
                    throw e;
                }
                return delegate.handleCommand(channel, database, command, query); // on the file opened again
            }
        }
        String refused = file.refuse();
        if (refused != null) {
            return FileState.outOfDiskSpace(refused);
        }
        try {
            return write(channel, database, command, query);
        } catch (NotStored e) {
            return FileState.outOfDiskSpace(reasonNow());
        } catch (RuntimeException e) {
            if (!file.failed(e)) {
                throw e;
            }
            return FileState.outOfDiskSpace(reasonNow());
        }
    }

    private String reasonNow() {
        String reason = file.refuse();
        return reason != null ? reason : "The embedded server's data file failed before this write was stored: "
                + "nothing was stored. Try again.";
    }

    private Document write(Channel channel, String database, String command, Document query) {
        String collection = COLLECTION_WRITES.contains(command.toLowerCase(Locale.ROOT))
                && query.get(command) instanceof String name ? database + "." + name : null;
        boolean beside = false;
        if (collection != null && existing.contains(collection)) {
            gate.readLock().lock();
            // Schema changes clear the set under the exclusive lock, so what is in it now stays while this is held.
            beside = existing.contains(collection);
            if (!beside) {
                gate.readLock().unlock();
            }
        }
        Lock lock = beside ? collectionLocks.computeIfAbsent(collection, name -> new ReentrantLock())
                           : gate.writeLock();
        lock.lock();
        long appliedTo = generation;
        boolean halfWritten = false;
        try {
            Document reply = delegate.handleCommand(channel, database, command, query);
            if (collection == null) {
                existing.clear(); // a change of schema: collections may be gone
            } else if (!beside && delegate.resolveDatabase(database)
                                          .resolveCollection((String) query.get(command), false) != null) {
                existing.add(collection); // a delete or an update may have left it missing
            }
            return reply;
        } catch (RuntimeException e) {
            if (file.isFileFailure(e)) {
                broken = appliedTo; // while this write's lock is held: no commit takes in what it applied
                halfWritten = true;
            }
            throw e;
        } finally {
            long write = applied.incrementAndGet();
            lock.unlock();
            if (beside) {
                gate.readLock().unlock();
            }
            // Every other write on a broken store goes to its commit, which refuses it: it is dropped with the store.
            if (mustReachFileFirst(command, query) && !halfWritten) {
                commitUpTo(write, appliedTo);
            }
        }
    }

    private static boolean mustReachFileFirst(String command, Document query) {
        if (!DOCUMENT_WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return query.get("writeConcern") instanceof Document concern
                && (Boolean.TRUE.equals(concern.get("j")) || Boolean.TRUE.equals(concern.get("fsync"))
                || "majority".equals(concern.get("w")));
    }

    private static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return query.get("pipeline") instanceof List<?> stages && stages.stream().anyMatch(
                    stage -> stage instanceof Document document
                            && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return WRITES.contains(name);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        // OP_MSG, the wire protocol's envelope for every command: route it through the same gate.
        Document query = message.getDocument();
        return handleCommand(message.getChannel(), message.getDatabaseName(), query.keySet().iterator().next(),
                             query);
    }

    @Override
    public void dropDatabase(String database) {
        String refused = file.refuse();
        if (refused != null) {
            throw new MongoServerError(OUT_OF_DISK_SPACE, "OutOfDiskSpace", refused);
        }
        gate.writeLock().lock();
        long appliedTo = generation;
        try {
            delegate.dropDatabase(database);
            existing.clear();
        } finally {
            long write = applied.incrementAndGet();
            gate.writeLock().unlock();
            commitUpTo(write, appliedTo);
        }
    }

    @Override
    public void close() {
        file.close(delegate);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        this.version = version;
        delegate.version(version);
        return this;
    }
}
