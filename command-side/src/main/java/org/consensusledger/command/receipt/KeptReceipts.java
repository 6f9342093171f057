package org.consensusledger.command.receipt;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps receipts in {@code event_receipts}, several commands' in one insert: each command's thread queues its
 * receipt and then waits for the writer's monitor; whoever holds it writes everything queued in one unordered
 * {@code insertMany} (one round trip and one commit of the database for many receipts), so a thread that gets the
 * monitor usually finds its receipt already kept. One insert per receipt would put a second serialized write behind
 * every command's append.
 */
final class KeptReceipts {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeptReceipts.class);
    private static final int MAX_BATCH = 256;

    private final MongoCollection<Document> receipts;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Object writer = new Object();

    KeptReceipts(MongoCollection<Document> receipts) {
        this.receipts = receipts;
    }

    private static final class Pending {
        private final Document document;
        private volatile boolean written;
        private volatile boolean kept;

        private Pending(Document document) {
            this.document = document;
        }
    }

    /**
     * Keeps the receipt's document; returns once it is written, true when it is kept, false when its write failed
     * (which is logged, with its position).
     */
    boolean keep(Document document) {
        Pending pending = new Pending(document);
        queue.add(pending);
        synchronized (writer) {
            while (!pending.written) {
                List<Pending> batch = new ArrayList<>();
                Pending next;
                while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    break; // cannot happen: every batch taken from the queue is marked written, whatever happens
                }
                write(batch);
            }
        }
        return pending.written && pending.kept;
    }

    private void write(List<Pending> batch) {
        boolean[] failed = new boolean[batch.size()];
        java.util.Arrays.fill(failed, true); // until the insert says otherwise (an Error leaves them not kept)
        try {
            receipts.insertMany(batch.stream().map(pending -> pending.document).toList(),
                                new InsertManyOptions().ordered(false));
            java.util.Arrays.fill(failed, false);
        } catch (MongoBulkWriteException e) {
            java.util.Arrays.fill(failed, false);
            e.getWriteErrors().forEach(error -> {
                failed[error.getIndex()] = true;
                LOGGER.error("A receipt could not be kept in event_receipts (first position {}): {}",
                             batch.get(error.getIndex()).document.get("_id"), error.getMessage());
            });
        } catch (RuntimeException e) {
            // The events are stored and the clients still get their receipts, which the verifier checks; the query
            // side raises RECEIPT_MISSING for each of these positions once its grace period has passed.
            LOGGER.error("{} receipts could not be kept in event_receipts (first positions {}): {}", batch.size(),
                         batch.stream().map(pending -> pending.document.get("_id")).toList(), e.toString());
        } finally {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).kept = !failed[i];
                batch.get(i).written = true;
            }
        }
    }
}
