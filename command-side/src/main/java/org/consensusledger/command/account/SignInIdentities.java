package org.consensusledger.command.account;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.consensusledger.eventlog.AccountFields.KIND;
import static org.consensusledger.eventlog.AccountFields.REVOKED_AT;
import static org.consensusledger.eventlog.AccountFields.SECRETARIAT;

/**
 * The identity an account signs in with through an OpenID Connect provider: the pair (issuer, subject) of the
 * provider's ID tokens, kept on the account's own document in {@code accounts} under a unique sparse index, so that
 * one identity opens at most one account and accounts without one take no room in the index. Only these two fields
 * are written here, on the collection {@link AccountStore} opens (the accounts' one writer); the single sign-on
 * (command.sso) binds, unbinds and looks up identities through this class.
 */
@Component
public class SignInIdentities {

    static final String ISSUER = "signInIssuer";
    static final String SUBJECT = "signInSubject";
    private static final String ORGANISATION = "organisationId";

    private final MongoCollection<Document> accounts;

    SignInIdentities(AccountStore store) {
        this.accounts = store.collection();
        accounts.createIndex(Indexes.ascending(ISSUER, SUBJECT),
                             new IndexOptions().unique(true).sparse(true).name("signInIdentity_unique"));
    }

    public record Identity(String issuer, String subject) {
    }

    /** An account as sign-in needs it: whom it acts for, and whether it may still sign in. */
    public record BoundAccount(String accountId, boolean secretariat, String organisationId, boolean revoked) {
    }

    /** The account is already bound to this identity's other holder. */
    public static final class Taken extends RuntimeException {
        private final String accountId;

        Taken(String accountId) {
            super(accountId);
            this.accountId = accountId;
        }

        public String accountId() {
            return accountId;
        }
    }

    /** Whether the account exists (revoked or not). */
    public Optional<BoundAccount> account(String accountId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", accountId)).first()).map(SignInIdentities::bound);
    }

    /** The identity the account is bound to, if any. */
    public Optional<Identity> of(String accountId) {
        Document found = accounts.find(Filters.eq("_id", accountId))
                                 .projection(Projections.include(ISSUER, SUBJECT)).first();
        if (found == null || found.getString(ISSUER) == null) {
            return Optional.empty();
        }
        return Optional.of(new Identity(found.getString(ISSUER), found.getString(SUBJECT)));
    }

    /**
     * Binds the account to the identity, replacing the one it had.
     *
     * @return false if there is no such account
     * @throws Taken if another account is bound to it
     */
    public boolean bind(String accountId, Identity identity) {
        try {
            UpdateResult result = accounts.updateOne(Filters.eq("_id", accountId),
                                                     Updates.combine(Updates.set(ISSUER, identity.issuer()),
                                                                     Updates.set(SUBJECT, identity.subject())));
            return result.getMatchedCount() > 0;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = accounts.find(Filters.and(Filters.eq(ISSUER, identity.issuer()),
                                                        Filters.eq(SUBJECT, identity.subject()))).first();
            throw new Taken(holder == null ? "another account" : holder.getString("_id"));
        }
    }

    /** Unbinds the account (nothing to do if it had no identity). */
    public void unbind(String accountId) {
        accounts.updateOne(Filters.eq("_id", accountId), Updates.combine(Updates.unset(ISSUER),
                                                                          Updates.unset(SUBJECT)));
    }

    /** Every bound account's identity, by account id. */
    public Map<String, Identity> all() {
        Map<String, Identity> all = new HashMap<>();
        accounts.find(Filters.exists(ISSUER)).projection(Projections.include(ISSUER, SUBJECT))
                .forEach(found -> all.put(found.getString("_id"),
                                          new Identity(found.getString(ISSUER), found.getString(SUBJECT))));
        return all;
    }

    /** The account bound to the identity, revoked or not. */
    public Optional<BoundAccount> boundTo(Identity identity) {
        return Optional.ofNullable(accounts.find(Filters.and(Filters.eq(ISSUER, identity.issuer()),
                                                             Filters.eq(SUBJECT, identity.subject()))).first())
                       .map(SignInIdentities::bound);
    }

    private static BoundAccount bound(Document document) {
        return new BoundAccount(document.getString("_id"), SECRETARIAT.equals(document.getString(KIND)),
                                document.getString(ORGANISATION), document.get(REVOKED_AT) != null);
    }
}
