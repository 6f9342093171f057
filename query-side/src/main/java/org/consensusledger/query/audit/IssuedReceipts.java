package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The receipts the command side issued ({@code event_receipts}: {@code _id} the first position a receipt lists,
 * {@code last} its last, {@code note} the signed receipt), read by position with {@code $in} lookups on {@code _id},
 * which any MongoDB answers from its index. {@code _id} and {@code last} are not signed: they only find a receipt;
 * what it covers is what its signed note lists ({@link ReceiptCheck}). A document that cannot be read is returned
 * with {@code unreadable} saying why, never thrown on.
 */
@Component
class IssuedReceipts {

    /** How far before a range a receipt that reaches into it is looked for first. */
    private static final int LOOK_BACK = 64;
    static final String LAST = "last";
    static final String NOTE = "note";

    private final MongoCollection<Document> receipts;

    IssuedReceipts(LedgerDatabase database) {
        this.receipts = database.collection(LedgerCollection.EVENT_RECEIPTS);
    }

    /**
     * A kept receipt: the first and last positions its document names (unsigned; {@code last} is
     * {@link Long#MAX_VALUE} when the document has none), the signed note, and why the document cannot be read (null
     * when it can).
     */
    record Kept(long first, long last, String note, String unreadable) {
    }

    /** The receipts that may list a position in [from, to), by first position. */
    List<Kept> covering(long from, long to) {
        long lowest = Math.max(0, from - LOOK_BACK);
        List<Kept> found = new ArrayList<>();
        boolean startsAtOrBefore = false;
        for (Document document : receipts.find(Filters.in("_id", range(lowest, to)))) {
            Kept kept = kept(document);
            startsAtOrBefore |= kept.first() <= from;
            if (kept.last() >= from) {
                found.add(kept);
            }
        }
        if (!startsAtOrBefore && lowest > 0) {
            // A receipt of more than LOOK_BACK events reaching into the range (rare): the nearest that starts before.
            Document nearest = receipts.find(Filters.lt("_id", lowest)).sort(Sorts.descending("_id")).first();
            if (nearest != null && kept(nearest).last() >= from) {
                found.add(kept(nearest));
            }
        }
        found.sort(Comparator.comparingLong(Kept::first));
        return found;
    }

    /** The receipts whose first position is in [from, from + positions), by first position. */
    List<Kept> startingIn(long from, int positions) {
        List<Kept> found = new ArrayList<>();
        receipts.find(Filters.in("_id", range(from, from + positions))).forEach(document -> found.add(kept(document)));
        found.sort(Comparator.comparingLong(Kept::first));
        return found;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static Kept kept(Document document) {
        Object id = document.get("_id");
        long first = id instanceof Number number ? number.longValue() : -1;
        Object last = document.get(LAST);
        Object note = document.get(NOTE);
        String unreadable = null;
        if (!(id instanceof Number)) {
            unreadable = "its _id is not a position";
        } else if (!(note instanceof String)) {
            unreadable = "it has no signed note (field note is " + (note == null ? "missing" : "not text") + ")";
        }
        return new Kept(first, last instanceof Number number ? number.longValue() : Long.MAX_VALUE,
                        note instanceof String text ? text : null, unreadable);
    }
}
