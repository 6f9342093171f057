package org.consensusledger.command.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.consensusledger.audit.Leaves;
import org.consensusledger.audit.Receipt;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.tlog.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Issues the receipt of a command: runs it, takes the events it stored as the log holds them (after the database
 * acknowledged them, on the command's own thread: {@link LedgerEventStorageEngine#capture}), signs the receipt of
 * their positions and leaf hashes with the command side's key ({@link ReceiptKey}) and keeps it in
 * {@code event_receipts} ({@code _id} its first position, {@code last} its last, {@code note} the signed note) before
 * the command is answered. The query side compares every leaf with its receipt before its tree takes it in.
 */
@Component
public class ReceiptIssuer {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptIssuer.class);

    static final String LAST = "last";
    static final String NOTE = "note";

    private final LedgerEventStorageEngine log;
    private final ReceiptKey key;
    private final ReceiptProperties properties;
    private final MongoCollection<Document> receipts;
    private final KeptReceipts kept;
    /** Signed receipts whose write failed, oldest first, until {@link #keepUnkept()} keeps them. */
    private final Queue<Document> unkept = new ConcurrentLinkedQueue<>();
    static final int MOST_UNKEPT = 100_000;
    private final Clock clock;
    /** The receipt's own cost per command: leaf hashes and signature; then the insert into event_receipts. */
    private final Timer signing;
    private final Timer keeping;

    ReceiptIssuer(LedgerEventStorageEngine log, ReceiptKey key, ReceiptProperties properties,
                  LedgerDatabase database, MeterRegistry metrics) {
        this.signing = Timer.builder("ledger.receipts.sign")
                            .description("Time to hash and sign a command's receipt, after its append")
                            .register(metrics);
        this.keeping = Timer.builder("ledger.receipts.keep")
                            .description("Time to keep a command's receipt in event_receipts, after it is signed")
                            .register(metrics);
        this.log = log;
        this.key = key;
        this.properties = properties;
        this.receipts = database.journaled(LedgerCollection.EVENT_RECEIPTS);
        this.kept = new KeptReceipts(receipts);
        this.clock = Clock.systemUTC();
    }

    /** What a command answered, and the receipt of the events it stored (null when it stored none). */
    public record Issued<R>(R result, Receipt receipt, String note) {
    }

    /**
     * Runs the command ({@code action}) and issues the receipt of what it stored. A command that stored events and
     * then failed (its unit of work failed after the commit) gets its receipt issued and kept all the same, and its
     * failure is thrown on.
     */
    public <R> Issued<R> issue(Supplier<R> action) {
        LedgerEventStorageEngine.Captured<R> captured;
        try {
            captured = log.capture(action);
        } catch (LedgerEventStorageEngine.StoredThenFailed e) {
            Issued<Void> issued = issueFor(e.storedEvents());
            LOGGER.warn("A command failed after storing positions {}–{}: their receipt is kept all the same",
                        issued.receipt().firstPosition(), issued.receipt().lastPosition());
            throw e.failure();
        }
        if (captured.storedEvents().isEmpty()) {
            return new Issued<>(captured.result(), null, null);
        }
        Issued<Void> issued = issueFor(captured.storedEvents());
        return new Issued<>(captured.result(), issued.receipt(), issued.note());
    }

    /**
     * Issues and keeps the receipt of these stored events (as the export has them, in order of position; at least
     * one): for a command's answer, or for a taken-over request whose first attempt stopped before keeping it.
     */
    public Issued<Void> issueFor(List<JsonNode> storedEvents) {
        long started = System.nanoTime();
        List<Receipt.Event> events = new ArrayList<>(storedEvents.size());
        for (JsonNode event : storedEvents) {
            events.add(new Receipt.Event(event.path(EventLogSchema.POSITION).asLong(), Leaves.leafHash(event)));
        }
        long now = clock.millis() / 1000;
        Receipt receipt = new Receipt(key.origin(), now, now + properties.maxMergeDelay().toSeconds(), events);
        String note = receipt.sign(key.signer());
        long signed = System.nanoTime();
        signing.record(signed - started, TimeUnit.NANOSECONDS);
        Document document = new Document("_id", receipt.firstPosition()).append(LAST, receipt.lastPosition())
                                                                         .append(NOTE, note);
        if (!kept.keep(document)) {
            LOGGER.error("The receipt of positions {}–{} was not kept in event_receipts: the command is answered with "
                                 + "it all the same (it is signed and checkable), and it is kept as signed once the "
                                 + "database takes writes again (until then the query side may report these "
                                 + "positions as RECEIPT_MISSING)", receipt.firstPosition(), receipt.lastPosition());
            keepLater(document);
        }
        keeping.record(System.nanoTime() - signed, TimeUnit.NANOSECONDS);
        return new Issued<>(null, receipt, note);
    }

    /**
     * Queues a signed receipt whose write failed (the database restarting, say), to be kept as it was signed by
     * {@link #keepUnkept()}; at most {@value #MOST_UNKEPT} wait, the oldest given up first (said once each).
     */
    void keepLater(Document document) {
        unkept.add(document);
        while (unkept.size() > MOST_UNKEPT) {
            Document dropped = unkept.poll();
            if (dropped != null) {
                LOGGER.error("The receipt of position {} is given up after waiting too long to be kept: the query "
                                     + "side reports it as RECEIPT_MISSING", dropped.get("_id"));
            }
        }
    }

    /**
     * Keeps the receipts whose write failed, as they were signed (none is signed again); stops at the first that still
     * cannot be written, to try again later. One already there (its first write went through after all) is done.
     * Returns how many are still waiting.
     */
    int keepUnkept() {
        for (Document next = unkept.peek(); next != null; next = unkept.peek()) {
            try {
                receipts.insertOne(next);
                LOGGER.warn("The receipt of position {}, which could not be kept when it was issued, is kept now",
                            next.get("_id"));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    return unkept.size();
                }
            } catch (RuntimeException e) {
                return unkept.size();
            }
            unkept.remove(next);
        }
        return 0;
    }

    /** The first position a receipt was kept for, if any was. */
    OptionalLong firstKept() {
        Document first = receipts.find().sort(Sorts.ascending("_id")).limit(1)
                                 .projection(Projections.include("_id")).first();
        return first == null ? OptionalLong.empty() : OptionalLong.of(((Number) first.get("_id")).longValue());
    }

    /**
     * The positions the kept receipts cover between {@code from} and {@code below} (exclusive), as {@code [first,
     * last]} of each receipt that covers any of them, by first position.
     */
    List<long[]> keptBetween(long from, long below) {
        List<long[]> kept = new ArrayList<>();
        for (Document receipt : receipts.find(Filters.and(Filters.lt("_id", below), Filters.gte(LAST, from)))
                                        .projection(Projections.include(LAST)).sort(Sorts.ascending("_id"))) {
            kept.add(new long[] {((Number) receipt.get("_id")).longValue(), ((Number) receipt.get(LAST)).longValue()});
        }
        return kept;
    }

    /** The receipt kept for the command whose first event is at {@code firstPosition}, if there is one. */
    public Optional<Issued<Void>> issued(long firstPosition) {
        Document kept = receipts.find(Filters.eq("_id", firstPosition)).first();
        if (kept == null) {
            return Optional.empty();
        }
        if (!(kept.get(NOTE) instanceof String note)) {
            LOGGER.warn("The receipt kept for position {} has no signed note: a new one is issued", firstPosition);
            return Optional.empty();
        }
        try {
            return Optional.of(new Issued<>(null, Receipt.parseText(SignedNote.parse(note).text()), note));
        } catch (RuntimeException e) {
            LOGGER.warn("The receipt kept for position {} cannot be read ({}): a new one is issued", firstPosition,
                        e.getMessage());
            return Optional.empty();
        }
    }
}
