package org.consensusledger.command.account;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.consensusledger.eventlog.AccountFields.KIND;
import static org.consensusledger.eventlog.AccountFields.REVOKED_AT;
import static org.consensusledger.eventlog.AccountFields.TOKEN_HASH;

/**
 * Accounts in MongoDB ({@code accounts}, {@code _id} = account id). A token is 32 random bytes shown once; only its
 * SHA-256 is stored, under a unique index, so a token is found by one unique-key lookup and cannot be recovered
 * from the database.
 */
@Component
class AccountStore {

    private static final String TOKEN_PREFIX = "clt_";
    /** The request that created the account: its creator's account id and Idempotency-Key, if it sent one. */
    private static final String REQUEST = "request";

    private final MongoCollection<Document> accounts;
    private final SecureRandom random = new SecureRandom();

    AccountStore(LedgerDatabase database) {
        this.accounts = database.journaled(LedgerCollection.ACCOUNTS);
        accounts.createIndex(Indexes.ascending(TOKEN_HASH), new IndexOptions().unique(true).name("tokenHash_unique"));
        accounts.createIndex(Indexes.ascending(REQUEST), new IndexOptions().unique(true).sparse(true)
                                                                         .name("request_unique"));
    }

    record Issued(Account account, String token) {
    }

    Issued create(AccountKind kind, String organisationId, String label, String createdBy) {
        return create(kind, organisationId, label, createdBy, null);
    }

    /**
     * Creates an account, or — when {@code requestKey} (its creator's Idempotency-Key) already created one — gives
     * that account a new token instead of creating a second: the retry of a request whose answer was lost on the way,
     * so nobody ever saw the first token, and no stray account is left behind.
     *
     * @throws KeyReused if the key created an account for a different request
     */
    Issued create(AccountKind kind, String organisationId, String label, String createdBy, String requestKey) {
        String token = newToken();
        String request = requestKey == null ? null : createdBy + " " + requestKey;
        Account account = new Account(UUID.randomUUID().toString(), kind, organisationId, label, LedgerTime.now(),
                                      createdBy, null);
        Document document = new Document("_id", account.accountId())
                .append(TOKEN_HASH, Texts.sha256(token))
                .append(KIND, kind.name())
                .append("organisationId", organisationId)
                .append("label", label)
                .append("createdAt", Date.from(account.createdAt()))
                .append("createdBy", createdBy);
        if (request != null) {
            document.append(REQUEST, request);
        }
        try {
            accounts.insertOne(document);
            return new Issued(account, token);
        } catch (MongoWriteException e) {
            if (request == null || e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document created = accounts.find(Filters.eq(REQUEST, request)).first();
        Account earlier = created == null ? null : account(created);
        if (earlier == null || earlier.kind() != kind || !Objects.equals(earlier.organisationId(), organisationId)
                || !Objects.equals(earlier.label(), label)) {
            throw new KeyReused("This Idempotency-Key already created an account for a different request");
        }
        if (earlier.revoked()) {
            throw new KeyReused("This Idempotency-Key created account " + earlier.accountId() + ", revoked since");
        }
        accounts.updateOne(Filters.eq("_id", earlier.accountId()), Updates.set(TOKEN_HASH, Texts.sha256(token)));
        return new Issued(earlier, token);
    }

    /** An Idempotency-Key already created an account for another request (or one revoked since). */
    static final class KeyReused extends RuntimeException {
        KeyReused(String message) {
            super(message);
        }
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The account a token belongs to, unless it is unknown or revoked. */
    Optional<Account> byToken(String token) {
        Document found = accounts.find(Filters.eq(TOKEN_HASH, Texts.sha256(token))).first();
        return Optional.ofNullable(found).map(AccountStore::account).filter(account -> !account.revoked());
    }

    Optional<Account> byId(String accountId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", accountId)).first()).map(AccountStore::account);
    }

    /** Every account, revoked ones included, the oldest first. */
    List<Account> all() {
        List<Account> all = new ArrayList<>();
        accounts.find().sort(Sorts.ascending("createdAt")).forEach(document -> all.add(account(document)));
        return all;
    }

    boolean anySecretariat() {
        return accounts.find(Filters.eq(KIND, AccountKind.SECRETARIAT.name())).first() != null;
    }

    long activeSecretariatAccounts() {
        return accounts.countDocuments(Filters.and(Filters.eq(KIND, AccountKind.SECRETARIAT.name()),
                                                   Filters.eq(REVOKED_AT, null)));
    }

    void revoke(String accountId) {
        accounts.updateOne(Filters.and(Filters.eq("_id", accountId), Filters.eq(REVOKED_AT, null)),
                           Updates.set(REVOKED_AT, Date.from(LedgerTime.now())));
    }

    private static Account account(Document document) {
        Date revoked = document.getDate(REVOKED_AT);
        return new Account(document.getString("_id"), AccountKind.valueOf(document.getString(KIND)),
                           document.getString("organisationId"), document.getString("label"),
                           document.getDate("createdAt").toInstant(), document.getString("createdBy"),
                           revoked == null ? null : revoked.toInstant());
    }
}
