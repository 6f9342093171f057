package org.consensusledger.command.web;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The responses to requests sent with an {@code Idempotency-Key}, one document per account and key, {@code _id}
 * "accountId key" (a unique-key lookup on any MongoDB). A key is claimed before the command runs and completed with
 * its response after; a request that ends in a server error releases it, so a retry runs again.
 */
@Component
class IdempotencyStore {

    static final String COLLECTION = "idempotency_keys";

    private final MongoCollection<Document> keys;

    IdempotencyStore(LedgerDatabase database) {
        this.keys = database.journaled().getCollection(COLLECTION);
    }

    sealed interface Claim {
        record Claimed() implements Claim {
        }

        record InProgress() implements Claim {
        }

        record Stored(String fingerprint, int status, Map<String, String> headers, String body) implements Claim {
        }
    }

    Claim claim(String id, String fingerprint) {
        try {
            keys.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "PENDING")
                                                  .append("claimedAt", Date.from(LedgerTime.now())));
            return new Claim.Claimed();
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = keys.find(Filters.eq("_id", id)).first();
        if (existing == null) {
            return claim(id, fingerprint);
        }
        if (!"DONE".equals(existing.getString("state"))) {
            return existing.getString("fingerprint").equals(fingerprint)
                   ? new Claim.InProgress()
                   : new Claim.Stored(existing.getString("fingerprint"), 0, Map.of(), "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        existing.get("headers", Document.class).forEach((name, value) -> headers.put(name, String.valueOf(value)));
        return new Claim.Stored(existing.getString("fingerprint"), existing.getInteger("status"), headers,
                                existing.getString("body"));
    }

    void complete(String id, int status, Map<String, String> headers, String body) {
        keys.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("state", "DONE"), Updates.set("status", status),
                Updates.set("headers", new Document(headers)), Updates.set("body", body),
                Updates.set("completedAt", Date.from(LedgerTime.now()))));
    }

    void release(String id) {
        keys.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "PENDING")));
    }
}
