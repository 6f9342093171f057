package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.BsonDocument;
import org.bson.Document;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.tlog.MerkleAppender;
import org.consensusledger.tlog.MerkleTree;
import org.consensusledger.tlog.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Merkle tree over the event log (RFC 9162; leaf i is the stored event at global position i, see
 * {@code docs/audit.md}), kept by one ordered reader: it reads the events after the tree's size, a batch at a time,
 * hashes them, stores the subtrees they complete ({@link MerkleNodes}) and only then raises the size
 * ({@code merkle_state}). Nodes depend only on the log, so a step repeated after a crash, or run by two instances at
 * once, writes the same nodes, and the size only grows ({@code $max}). Every size the tree has had can be proved
 * against, with O(log n) node reads. A leaf that differs from the receipt the command side issued for its position
 * is never taken in ({@link ReceiptCheck}): the tree stops before it.
 */
@Component
public class MerkleLog implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(MerkleLog.class);
    private static final String TREE = "tree";
    private static final long BACK_OFF_MILLIS = 5_000;
    private static final String MEETING_CLOSED = "org.consensusledger.events.meeting.MeetingClosed";

    private final LedgerEventStorageEngine log;
    private final MerkleNodes nodes;
    private final MongoCollection<Document> state;
    private final AuditProperties properties;
    private final ReceiptCheck receipts;
    private volatile long knownSize;
    private volatile long sealWanted;
    private volatile Thread worker;

    public MerkleLog(LedgerDatabase database, LedgerEventStorageEngine log, AuditProperties properties,
              MeterRegistry metrics) {
        this(database, log, properties, metrics, null);
    }

    /** A tree that takes in no leaf differing from its receipt ({@link ReceiptCheck}; null: no receipts compared). */
    @Autowired
    MerkleLog(LedgerDatabase database, LedgerEventStorageEngine log, AuditProperties properties, MeterRegistry metrics,
              ReceiptCheck receipts) {
        this.receipts = receipts;
        this.log = log;
        this.nodes = new MerkleNodes(database.collection(LedgerCollection.MERKLE_NODES, BsonDocument.class));
        this.state = database.collection(LedgerCollection.MERKLE_STATE);
        this.properties = properties;
        Gauge.builder("ledger_merkle_tree_size", this, tree -> tree.knownSize)
             .description("Leaves (events) in the log's Merkle tree").register(metrics);
    }

    /** The number of leaves the tree holds: every event below this position is in it. */
    public long size() {
        Document tree = state.find(Filters.eq("_id", TREE)).first();
        long size = tree == null ? 0 : ((Number) tree.get("size")).longValue();
        knownSize = Math.max(knownSize, size);
        return size;
    }

    /**
     * The smallest tree size a checkpoint must have to cover every meeting closing the tree has taken in (0 when
     * none): a closed meeting's minutes are sealed by such a checkpoint, so one is signed as soon as the tree holds
     * the closing, not at the next interval ({@link Checkpoints}).
     */
    public long sealWanted() {
        return sealWanted;
    }

    /** Why the tree stopped before a leaf, when one differs from its receipt ({@link ReceiptCheck}). */
    public Optional<ReceiptAlarm> receiptAlarm() {
        return receipts == null ? Optional.empty() : receipts.alarm();
    }

    /**
     * Every receipt alarm: why the tree stopped, if it did, and each position it took in without a receipt after the
     * grace period ({@link ReceiptAlarm#missing()}).
     */
    public List<ReceiptAlarm> receiptAlarms() {
        return receipts == null ? List.of() : receipts.alarms();
    }

    /** The tree as it is now stored; proofs for any size up to {@link MerkleTree#size()}. */
    public MerkleTree tree() {
        return new MerkleTree(nodes, size());
    }

    /** The leaf hashes the tree holds for these positions (each below its size), in one read. */
    public List<byte[]> leafHashes(List<Long> positions) {
        List<NodeId> ids = new ArrayList<>(positions.size());
        positions.forEach(position -> ids.add(new NodeId(0, position)));
        return nodes.nodes(ids);
    }

    /**
     * The hashes of the {@code count} stored nodes of {@code level} from {@code index} on (complete subtrees, so each
     * below the tree's size), in one read: a tile of the tree ({@code query.tiles}).
     */
    public List<byte[]> nodes(int level, long index, int count) {
        List<NodeId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(new NodeId(level, index + i));
        }
        return nodes.nodes(ids);
    }

    /** Adds the next batch of events to the tree; returns how many it added (0 when it holds the whole log). */
    int step() {
        long size = size();
        List<JsonNode> events;
        try (Stream<JsonNode> stored = log.storedEvents(size)) {
            events = stored.limit(properties.treeBatchSize()).collect(Collectors.toList());
        }
        if (events.isEmpty()) {
            if (receipts != null) {
                receipts.recheck(size, this::leafHashes);
            }
            return 0;
        }
        List<byte[]> leaves = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            long position = events.get(i).path(EventLogSchema.POSITION).asLong(-1);
            if (position != size + i) {
                throw new IllegalStateException("The log has position " + position + " where the tree expects "
                                                        + (size + i));
            }
            leaves.add(Leaves.leafHash(events.get(i)));
        }
        int admissible = receipts == null ? leaves.size()
                                          : receipts.admissible(size, leaves, events, this::leafHashes);
        if (admissible < leaves.size()) {
            // A leaf differs from its receipt (or its receipt is forged): the tree stops before it.
            leaves = leaves.subList(0, admissible);
            events = events.subList(0, admissible);
            if (leaves.isEmpty()) {
                return 0;
            }
        }
        MerkleAppender.Result grown = MerkleAppender.append(size, nodes, leaves);
        nodes.write(grown.nodes());
        state.updateOne(Filters.eq("_id", TREE), Updates.max("size", grown.newSize()),
                        new UpdateOptions().upsert(true));
        knownSize = Math.max(knownSize, grown.newSize());
        for (JsonNode event : events) {
            if (MEETING_CLOSED.equals(event.path(EventLogSchema.PAYLOAD_TYPE).asText())) {
                sealWanted = Math.max(sealWanted, event.path(EventLogSchema.POSITION).asLong() + 1);
            }
        }
        return events.size();
    }

    private void run() {
        while (worker == Thread.currentThread()) {
            try {
                if (step() == 0) {
                    Thread.sleep(properties.treePollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                // An Error too (a heap too small for a moment): the tree tries again rather than stop for good.
                if (worker != Thread.currentThread()) {
                    return; // stopping: the interrupt broke off a read or write
                }
                LOGGER.error("The Merkle tree could not take the next events (after {}); trying again in {} ms",
                             knownSize, BACK_OFF_MILLIS, e);
                try {
                    Thread.sleep(BACK_OFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        Thread thread = new Thread(this::run, "merkle-tree");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
