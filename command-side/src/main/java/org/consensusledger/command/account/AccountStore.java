package org.consensusledger.command.account;

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

    private final MongoCollection<Document> accounts;
    private final SecureRandom random = new SecureRandom();

    AccountStore(LedgerDatabase database) {
        this.accounts = database.journaled(LedgerCollection.ACCOUNTS);
        accounts.createIndex(Indexes.ascending(TOKEN_HASH), new IndexOptions().unique(true).name("tokenHash_unique"));
    }

    record Issued(Account account, String token) {
    }

    Issued create(AccountKind kind, String organisationId, String label, String createdBy) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Account account = new Account(UUID.randomUUID().toString(), kind, organisationId, label, LedgerTime.now(),
                                      createdBy, null);
        accounts.insertOne(new Document("_id", account.accountId())
                                   .append(TOKEN_HASH, Texts.sha256(token))
                                   .append(KIND, kind.name())
                                   .append("organisationId", organisationId)
                                   .append("label", label)
                                   .append("createdAt", Date.from(account.createdAt()))
                                   .append("createdBy", createdBy));
        return new Issued(account, token);
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
