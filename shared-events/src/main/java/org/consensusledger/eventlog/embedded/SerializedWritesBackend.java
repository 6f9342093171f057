package org.consensusledger.eventlog.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wraps the embedded server's backend with the two guarantees an event log needs and the backend lacks:
 * <ul>
 *   <li>Writes are applied one at a time. The backend checks unique indexes and then inserts without a lock, so two
 *   connections inserting the same key at once could both succeed; serialised, a unique key means unique.</li>
 *   <li>A write is made durable before it is acknowledged: after a command that changed data, {@code durable} runs
 *   (for the H2 file backend: an MVStore commit) before the reply leaves. Commits run outside the write lock, so
 *   writes that arrive while one commit is writing share the next one (group commit).</li>
 * </ul>
 */
final class SerializedWritesBackend implements MongoBackend {

    /** Commands that change data; everything else reads (an aggregation writes only with $out or $merge). */
    private static final Set<String> WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "createindexes", "dropindexes", "drop", "dropdatabase",
            "create", "renamecollection", "mapreduce", "bulkwrite", "collmod");

    private final MongoBackend delegate;
    private final Runnable durable;
    private final ReentrantLock writeLock = new ReentrantLock();

    SerializedWritesBackend(MongoBackend delegate, Runnable durable) {
        this.delegate = delegate;
        this.durable = durable;
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
            return delegate.handleCommand(channel, database, command, query);
        }
        writeLock.lock();
        try {
            return delegate.handleCommand(channel, database, command, query);
        } finally {
            writeLock.unlock();
            durable.run();
        }
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
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        writeLock.lock();
        try {
            delegate.dropDatabase(database);
        } finally {
            writeLock.unlock();
            durable.run();
        }
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
