package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.audit.Receipt;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares each leaf with the receipt the command side issued for its position before the tree takes it in
 * ({@link MerkleLog}). What a receipt covers is what its signed note lists (never the document's unsigned
 * {@code _id}/{@code last}). A leaf that differs from its receipt, or a receipt whose signature does not verify with
 * {@code ledger.audit.receipt-vkey}, that names another origin or cannot be read at all, stops the tree before that
 * position, so no checkpoint ever covers it; the alarm stays, on the self-check and as health DOWN ({@code receipts}),
 * until the stored event is as its receipt says.
 *
 * <p>Coverage is gap-free from the first position that has a receipt on (recorded in {@code merkle_state}, document
 * {@code receipts}, field {@code from}): the tree waits at an event without a receipt for
 * {@code ledger.audit.receipt-grace} (the command side keeps a receipt just after the append), then takes it in and
 * keeps a {@code RECEIPT_MISSING} alarm for its position ({@code missing}), so a crash between an append and its
 * receipt never halts the public log, and a deleted or moved receipt never passes unseen. A receipt kept later that
 * matches the leaf the tree took in clears that alarm. Without a configured key it checks nothing, and says so once.
 */
@Component("receipts")
public class ReceiptCheck implements HealthIndicator {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReceiptCheck.class);
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final String STATE = "receipts";
    private static final String FROM = "from";
    private static final String MISSING = "missing";
    /** The most missing positions kept and re-checked (more are logged; the alarm says how many). */
    private static final int MAX_MISSING = 1000;

    private final ReceiptProperties properties;
    private final IssuedReceipts receipts;
    private final AuditProperties audit;
    private final MongoCollection<Document> state;
    private final Clock clock;
    private volatile NoteVerifier verifier;
    private volatile String verifierSource;
    private volatile ReceiptAlarm alarm;
    private volatile boolean saidUnconfigured;
    private volatile String saidUnreadable;
    /** The first position that has a receipt, once known (null before). */
    private volatile Long from;
    private volatile boolean loaded;
    /** Positions taken in without a receipt after the grace period, with why. */
    private final Map<Long, String> missing = new TreeMap<>();
    private volatile long missingBeyondKept;
    /** When the tree first saw each position it is waiting at without a receipt. */
    private final TreeMap<Long, Instant> seen = new TreeMap<>();
    private volatile Instant lastRecheck;

    ReceiptCheck(ReceiptProperties properties, IssuedReceipts receipts, AuditProperties audit,
                 LedgerDatabase database) {
        this.properties = properties;
        this.receipts = receipts;
        this.audit = audit;
        this.state = database.collection(LedgerCollection.MERKLE_STATE);
        this.clock = Clock.systemUTC();
    }

    /** The alarm of the latest comparison, if it found a leaf or a receipt it cannot let pass. */
    Optional<ReceiptAlarm> alarm() {
        return Optional.ofNullable(alarm);
    }

    /** Every alarm: the one the tree stopped at, if any, then each position taken in without a receipt. */
    List<ReceiptAlarm> alarms() {
        List<ReceiptAlarm> all = new ArrayList<>();
        ReceiptAlarm stopped = alarm;
        if (stopped != null) {
            all.add(stopped);
        }
        synchronized (missing) {
            missing.forEach((position, detail) -> all.add(new ReceiptAlarm(position, detail, true)));
        }
        return all;
    }

    /** The verifier key, when one is configured and can be read (null otherwise). */
    public String vkey() {
        NoteVerifier loaded = verifier(false);
        return loaded == null ? null : loaded.verifierKey().format();
    }

    boolean configured() {
        return properties.configured();
    }

    /**
     * How many of the leaves for positions {@code from}, {@code from + 1}, … ({@code events} the stored events) the
     * tree may take in: all of them, or the number before the first that differs from its receipt, whose receipt
     * cannot be trusted, or that is still within its grace period without a receipt. {@code treeLeaves} gives the
     * leaves the tree already holds (below {@code from}), to check receipts kept late for missing positions.
     */
    int admissible(long from, List<byte[]> leaves, List<JsonNode> events,
                   Function<List<Long>, List<byte[]>> treeLeaves) {
        if (!properties.configured()) {
            if (!saidUnconfigured) {
                saidUnconfigured = true;
                LOGGER.warn("No receipt key is configured (ledger.audit.receipt-vkey): the Merkle tree takes in "
                                    + "events without comparing them with the receipts the command side issued");
            }
            return leaves.size();
        }
        load();
        long to = from + leaves.size();
        NoteVerifier key = verifier(false);
        if (key == null) {
            return stop(new ReceiptAlarm(from, "The receipts cannot be checked: the receipt key "
                    + "(ledger.audit.receipt-vkey) cannot be read. The tree stops before position " + from
                    + " until it can."), 0);
        }
        recheckMissing(from, treeLeaves);
        int admissible = leaves.size();
        ReceiptAlarm found = null;
        Map<Long, Listed> listed = new HashMap<>();
        Long lowestReceipted = null;
        for (IssuedReceipts.Kept kept : receipts.covering(from, to)) {
            long stopAt = Math.max(from, kept.first());
            if (stopAt - from >= admissible) {
                continue;
            }
            if (kept.unreadable() != null) {
                found = new ReceiptAlarm(stopAt, "The receipt document kept in event_receipts with _id "
                        + kept.first() + " cannot be read: " + kept.unreadable() + ". It was damaged or changed in "
                        + "the database. The tree stops before position " + stopAt + " until it is repaired.");
                admissible = (int) (stopAt - from);
                continue;
            }
            Receipt receipt;
            try {
                receipt = verified(kept.note(), key);
            } catch (VerificationException e) {
                found = new ReceiptAlarm(stopAt, "The receipt kept for positions " + kept.first() + "–"
                        + (kept.last() == Long.MAX_VALUE ? "?" : kept.last())
                        + " is not a valid receipt of the command side (" + e.getMessage()
                        + "): it was forged or changed. The tree stops before position " + stopAt
                        + ": no checkpoint will cover it.");
                admissible = (int) (stopAt - from);
                continue;
            }
            String origin = origin();
            if (origin != null && !origin.equals(receipt.origin())) {
                long at = Math.max(from, receipt.firstPosition());
                if (at - from < admissible) {
                    found = new ReceiptAlarm(at, "The receipt kept for positions " + receipt.firstPosition() + "–"
                            + receipt.lastPosition() + " is a receipt of the log '" + receipt.origin()
                            + "', not of this log ('" + origin + "'). The tree stops before position " + at + ".");
                    admissible = (int) (at - from);
                }
                continue;
            }
            lowestReceipted = lowestReceipted == null ? receipt.firstPosition()
                                                      : Math.min(lowestReceipted, receipt.firstPosition());
            for (Receipt.Event event : receipt.events()) {
                listed.putIfAbsent(event.position(), new Listed(event, receipt.time()));
            }
        }
        if (lowestReceipted != null && (this.from == null || lowestReceipted < this.from)) {
            record(lowestReceipted);
        }
        Instant now = clock.instant();
        synchronized (seen) {
            seen.headMap(from).clear();
        }
        for (int index = 0; index < admissible; index++) {
            long position = from + index;
            Listed receipt = listed.get(position);
            if (receipt != null) {
                byte[] held = leaves.get(index);
                if (!Arrays.equals(held, receipt.event().leafHash())) {
                    found = new ReceiptAlarm(position, "The event stored at position " + position + " has leaf hash "
                            + BASE64.encodeToString(held) + ", but the receipt issued for it at "
                            + Instant.ofEpochSecond(receipt.time()) + " says " + receipt.event().leafHashBase64()
                            + ": it was changed in the database after the command was answered. The tree stops "
                            + "before it: no checkpoint will cover it.");
                    admissible = index;
                }
                continue;
            }
            Long first = this.from;
            if ((first != null && position < first) || (first == null && !young(events, index, now))) {
                continue; // before the first receipt: events recorded before receipts were issued
            }
            // From the first receipt on, and while none was seen yet for a new event: wait for its receipt.
            Instant since;
            synchronized (seen) {
                since = seen.computeIfAbsent(position, p -> now);
            }
            if (now.isBefore(since.plus(properties.receiptGrace()))) {
                admissible = index; // its receipt may still come: wait, without an alarm
                break;
            }
            if (first == null) {
                continue; // no receipt was ever kept: nothing to be missing from
            }
            missing(position, "The event at position " + position + " has no receipt, though every event from "
                    + "position " + first + " on must have one: the tree waited " + properties.receiptGrace()
                    .toSeconds() + " s for it and took the event in unchecked. Its receipt was deleted or moved in "
                    + "the database, or the command side stopped between the append and keeping the receipt; "
                    + "compare the event with the receipt its client was given.");
        }
        return stop(found, admissible);
    }

    private int stop(ReceiptAlarm found, int admissible) {
        if (found != null && (alarm == null || !found.equals(alarm))) {
            LOGGER.error("Receipt check: {}", found.detail());
        }
        alarm = found;
        return admissible;
    }

    /** A position's receipt line and when the receipt was issued. */
    private record Listed(Receipt.Event event, long time) {
    }

    /** Whether the stored event is within the grace period of its timestamp (or has none that can be read). */
    private boolean young(List<JsonNode> events, int index, Instant now) {
        if (events == null) {
            return true;
        }
        try {
            Instant stored = StoredTimestamps.parse(events.get(index).path(EventLogSchema.TIMESTAMP).asText());
            return now.isBefore(stored.plus(properties.receiptGrace()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Receipt verified(String note, NoteVerifier key) throws VerificationException {
        try {
            return Receipt.verify(note, key);
        } catch (VerificationException e) {
            NoteVerifier reloaded = verifier(true);
            if (reloaded == null || reloaded.verifierKey().format().equals(key.verifierKey().format())) {
                throw e;
            }
            return Receipt.verify(note, reloaded);
        }
    }

    private String origin() {
        try {
            return audit == null ? null : audit.effectiveOrigin();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void load() {
        if (loaded) {
            return;
        }
        Document document = state.find(Filters.eq("_id", STATE)).first();
        if (document != null) {
            if (document.get(FROM) instanceof Number number) {
                from = number.longValue();
            }
            if (document.get(MISSING) instanceof List<?> positions) {
                for (Object position : positions) {
                    if (position instanceof Number number) {
                        synchronized (missing) {
                            missing.put(number.longValue(), "The event at position " + number.longValue()
                                    + " was taken into the tree without a receipt (its receipt was deleted or never "
                                    + "kept); compare the event with the receipt its client was given.");
                        }
                    }
                }
            }
        }
        loaded = true;
    }

    private void record(long first) {
        state.updateOne(Filters.eq("_id", STATE), Updates.min(FROM, first), new UpdateOptions().upsert(true));
        from = first;
        LOGGER.info("Receipts are kept from position {} on: every event from there must have one", first);
    }

    private void missing(long position, String detail) {
        LOGGER.error("Receipt check: {}", detail);
        synchronized (missing) {
            if (missing.size() >= MAX_MISSING) {
                missingBeyondKept++;
                return;
            }
            missing.put(position, detail);
        }
        state.updateOne(Filters.eq("_id", STATE), Updates.addToSet(MISSING, position),
                        new UpdateOptions().upsert(true));
    }

    /**
     * While the tree waits for new events: clears the missing alarms whose receipt has since been kept and matches the
     * leaf the tree took in (at most once a second).
     */
    void recheck(long treeSize, Function<List<Long>, List<byte[]>> treeLeaves) {
        if (properties.configured()) {
            load();
            recheckMissing(treeSize, treeLeaves);
        }
    }

    /** Clears the missing alarms whose receipt has since been kept and matches the leaf the tree took in. */
    private void recheckMissing(long treeSize, Function<List<Long>, List<byte[]>> treeLeaves) {
        Instant now = clock.instant();
        if (lastRecheck != null && now.isBefore(lastRecheck.plusSeconds(1))) {
            return;
        }
        lastRecheck = now;
        List<Long> positions;
        synchronized (missing) {
            if (missing.isEmpty()) {
                return;
            }
            positions = new ArrayList<>(new TreeSet<>(missing.keySet()).headSet(treeSize));
        }
        if (positions.isEmpty()) {
            return;
        }
        NoteVerifier key = verifier(false);
        if (key == null) {
            return;
        }
        List<byte[]> held = treeLeaves.apply(positions);
        if (held.size() != positions.size()) {
            return;
        }
        for (int i = 0; i < positions.size(); i++) {
            long position = positions.get(i);
            for (IssuedReceipts.Kept kept : receipts.covering(position, position + 1)) {
                if (kept.unreadable() != null) {
                    continue;
                }
                try {
                    Receipt receipt = Receipt.verify(kept.note(), key);
                    for (Receipt.Event event : receipt.events()) {
                        if (event.position() != position) {
                            continue;
                        }
                        if (Arrays.equals(event.leafHash(), held.get(i))) {
                            synchronized (missing) {
                                missing.remove(position);
                            }
                            state.updateOne(Filters.eq("_id", STATE), Updates.pull(MISSING, position));
                            LOGGER.info("Receipt check: the receipt of position {} is kept now and matches the "
                                                + "tree's leaf", position);
                        } else {
                            String detail = "The event at position " + position + " was taken into the tree without "
                                    + "a receipt, with leaf hash " + BASE64.encodeToString(held.get(i))
                                    + "; the receipt kept for it since, issued at "
                                    + Instant.ofEpochSecond(receipt.time()) + ", says " + event.leafHashBase64()
                                    + ": it was changed in the database before its receipt was kept, and a signed "
                                    + "checkpoint may cover the changed event.";
                            synchronized (missing) {
                                if (!detail.equals(missing.put(position, detail))) {
                                    LOGGER.error("Receipt check: {}", detail);
                                }
                            }
                        }
                    }
                } catch (VerificationException | RuntimeException e) {
                    // a receipt that cannot be trusted clears nothing
                }
            }
        }
    }

    @Override
    public Health health() {
        ReceiptAlarm current = alarm;
        if (current != null) {
            return Health.down().withDetail("position", current.position()).withDetail("reason", current.detail())
                         .build();
        }
        synchronized (missing) {
            if (!missing.isEmpty()) {
                Map.Entry<Long, String> first = missing.entrySet().iterator().next();
                return Health.down().withDetail("position", first.getKey())
                             .withDetail("missing", missing.size() + missingBeyondKept)
                             .withDetail("reason", first.getValue()).build();
            }
        }
        return Health.up().withDetail("checked", properties.configured()).build();
    }

    /** The receipt verifier key: read again when its file changes, or when {@code fresh} is asked for. */
    private NoteVerifier verifier(boolean fresh) {
        NoteVerifier loaded = verifier;
        if (!properties.configured()) {
            return null;
        }
        String configured = properties.receiptVkey().strip();
        boolean inline = configured.contains("+") && !Files.exists(Path.of(configured));
        if (loaded != null && inline) {
            return loaded;
        }
        try {
            String source = inline ? configured : Files.readString(Path.of(configured), StandardCharsets.UTF_8)
                                                       .strip();
            if (loaded != null && !fresh && source.equals(verifierSource)) {
                return loaded;
            }
            if (loaded == null || !source.equals(verifierSource)) {
                loaded = new NoteVerifier(KeyText.parseVerifierKey(source));
                if (verifier != null) {
                    LOGGER.info("The receipt key ledger.audit.receipt-vkey ({}) changed: now {}", configured,
                                loaded.verifierKey().format());
                }
                verifier = loaded;
                verifierSource = source;
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(saidUnreadable)) {
                saidUnreadable = String.valueOf(e.getMessage());
                LOGGER.warn("The receipt key ledger.audit.receipt-vkey ({}) cannot be read: {}", configured,
                            e.getMessage());
            }
            return loaded;
        }
    }
}
