package org.consensusledger.command.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerNode;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The responses to requests sent with an {@code Idempotency-Key}, one document per account and key, {@code _id}
 * "accountId key" (a unique-key lookup on any MongoDB). A key is claimed before the command runs — with the
 * command side instance that runs it and the log's length then — and completed with its response after.
 * <p>
 * A claim whose request died (its instance stopped before completing it, or it has been pending longer than any
 * request takes, or the request failed with a server error, or — in this instance — no request holds it any more,
 * e.g. because the database went away while its answer was being kept) is <em>orphaned</em>: the next request with
 * that key takes it over, and whether the command was stored is then decided from the log (see
 * {@link IdempotencyFilter}), so every key gets a final answer.
 */
@Component
class IdempotencyStore {

    /** Longer than any request takes: a claim pending this long belongs to no running request. */
    private static final Duration ORPHANED_AFTER = Duration.ofMinutes(2);
    /** The instance name of a claim whose request failed: orphaned at once. */
    private static final String RELEASED = "released";

    private final MongoCollection<Document> keys;
    private final String instance;
    private final Instant started = Instant.now();
    /**
     * The claims this instance's running requests hold. A claim of this instance that none of them holds is orphaned
     * at once: its request ended without completing or releasing it (the write that would have failed with the
     * database, so only memory can tell).
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** One key's claims by this instance's requests are decided one at a time (between instances, the database). */
    private final Object[] stripes = new Object[64];

    IdempotencyStore(LedgerDatabase database, LedgerNode node) {
        this.keys = database.journaled(LedgerCollection.IDEMPOTENCY_KEYS);
        this.instance = node.id();
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    sealed interface Claim {
        /** The key is this request's; {@code logHead} is where the log stood when it was claimed. */
        record Claimed(long logHead) implements Claim {
        }

        /** A request with the key is running now. */
        record InProgress() implements Claim {
        }

        /** The key's request died; this request took it over. Its command's events, if stored, are at or after
         *  {@code logHead}. */
        record TakenOver(long logHead) implements Claim {
        }

        record Stored(String fingerprint, int status, Map<String, String> headers, String body) implements Claim {
        }
    }

    /**
     * Claims the key for the calling request. When the answer is {@link Claim.Claimed} or {@link Claim.TakenOver},
     * the request holds the claim until it calls {@link #finished(String)}, whatever happens in between.
     */
    Claim claim(String id, String fingerprint, long logHead) {
        synchronized (stripes[Math.floorMod(id.hashCode(), stripes.length)]) {
            return claimHere(id, fingerprint, logHead);
        }
    }

    private Claim claimHere(String id, String fingerprint, long logHead) {
        Date now = Date.from(LedgerTime.now());
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "PENDING")
                                                  .append("claimedAt", now).append("instance", instance)
                                                  .append("logHead", logHead));
            held.add(id);
            return new Claim.Claimed(logHead);
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = keys.find(Filters.eq("_id", id)).first();
        if (existing == null) {
            return claimHere(id, fingerprint, logHead);
        }
        if (!existing.getString("fingerprint").equals(fingerprint)) {
            return new Claim.Stored(existing.getString("fingerprint"), 0, Map.of(), "");
        }
        if ("DONE".equals(existing.getString("state"))) {
            Map<String, String> headers = new LinkedHashMap<>();
            existing.get("headers", Document.class).forEach((name, value) -> headers.put(name, String.valueOf(value)));
            return new Claim.Stored(existing.getString("fingerprint"), existing.getInteger("status"), headers,
                                    existing.getString("body"));
        }
        if (!orphaned(existing)) {
            return new Claim.InProgress();
        }
        // Take the orphaned claim over, unless another request just did.
        long claimedHead = existing.get("logHead") instanceof Number head ? head.longValue() : 0;
        boolean taken = keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "PENDING"),
                                                   Filters.eq("instance", existing.get("instance")),
                                                   Filters.eq("claimedAt", existing.get("claimedAt"))),
                                       Updates.combine(Updates.set("instance", instance),
                                                       Updates.set("claimedAt", now)))
                            .getModifiedCount() == 1;
        if (!taken) {
            return new Claim.InProgress();
        }
        held.add(id);
        return new Claim.TakenOver(claimedHead);
    }

    private boolean orphaned(Document claim) {
        Object owner = claim.get("instance");
        Date claimedAt = claim.getDate("claimedAt");
        if (RELEASED.equals(owner) || claimedAt == null) {
            return true;
        }
        if (instance.equals(owner) && !held.contains(claim.getString("_id"))) {
            return true;
        }
        Instant at = claimedAt.toInstant();
        boolean ownedByAnEarlierInstance = !instance.equals(owner) && at.isBefore(started);
        return ownedByAnEarlierInstance || at.isBefore(LedgerTime.now().minus(ORPHANED_AFTER));
    }

    void complete(String id, int status, Map<String, String> headers, String body) {
        keys.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", "DONE"), Updates.set("status", status),
                Updates.set("headers", new Document(headers)), Updates.set("body", body),
                Updates.set("completedAt", Date.from(LedgerTime.now()))));
    }

    /** The request that held the claim has ended (after {@link #complete} or {@link #release}, or without either). */
    void finished(String id) {
        held.remove(id);
    }

    /**
     * The request failed without an answer to keep (a server error): whether its command was stored is left to the
     * next request with the key, which finds out from the log.
     */
    void release(String id) {
        keys.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "PENDING")),
                       Updates.set("instance", RELEASED));
    }
}
