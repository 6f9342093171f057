package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.function.Supplier;

/**
 * The H2 backend with what the data file's housekeeping ({@link DataFileHousekeeping}) needs around every request:
 * <b>the version it reads is pinned.</b> MVStore frees a chunk of the file as soon as no version still in use
 * references it (the retention time is 0, so that the file does not keep 45 s of rewritten pages). A plain
 * {@code MVMap} read does not tell MVStore which version it is reading, so a long scan could meet a page whose chunk
 * was freed and overwritten meanwhile. Each request registers the version it starts on for as long as it runs
 * ({@link MVStore#registerVersionUsage()}); the backend answers every query from one request (it collects the results
 * before the first batch), so no read outlives its request. (When nothing else commits, the housekeeping commits what
 * compaction rewrote through the write gate, {@link SerializedWritesBackend#commitNow()}, between writes.)
 */
final class PinnedVersionsBackend extends ForwardingBackend {

    private final MongoBackend delegate;
    private final MVStore store;

    PinnedVersionsBackend(MongoBackend delegate, MVStore store) {
        this.delegate = delegate;
        this.store = store;
    }

    private <T> T pinned(Supplier<T> request) {
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return request.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }

    @Override
    MongoBackend delegate() {
        return delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return pinned(() -> delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return pinned(() -> delegate.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return pinned(() -> delegate.handleQuery(query));
    }

    @Override
    public void handleClose(Channel channel) {
        pinned(() -> {
            delegate.handleClose(channel);
            return null;
        });
    }

    @Override
    public void dropDatabase(String database) {
        pinned(() -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Document getServerStatus() {
        return pinned(delegate::getServerStatus);
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return pinned(() -> delegate.resolveDatabase(database));
    }
}
