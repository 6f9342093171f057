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
import org.bson.conversions.Bson;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.eventlog.AccountFields;
import org.consensusledger.eventlog.AccountFields.TokenCheck;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import static org.consensusledger.eventlog.AccountFields.KIND;
import static org.consensusledger.eventlog.AccountFields.PREVIOUS_TOKEN_HASH;
import static org.consensusledger.eventlog.AccountFields.PREVIOUS_TOKEN_VALID_UNTIL;
import static org.consensusledger.eventlog.AccountFields.REVOKED_AT;
import static org.consensusledger.eventlog.AccountFields.TOKEN_EXPIRES_AT;
import static org.consensusledger.eventlog.AccountFields.TOKEN_HASH;
import static org.consensusledger.eventlog.AccountFields.TOKEN_REPLACED_AT;

/**
 * Accounts in MongoDB ({@code accounts}, {@code _id} = account id). A token is 32 random bytes shown once; only its
 * SHA-256 is stored, under a unique index, so a token is found by one unique-key lookup and cannot be recovered
 * from the database. Every token expires ({@code ledger.accounts.token-lifetime} after it is issued); a rotation
 * gives the account a new token and keeps the one it replaces working for {@code ledger.accounts.rotation-grace}
 * (its hash under a second, non-unique index). Whether a token is valid now is decided by
 * {@link AccountFields#check}, the decision the query side makes too.
 */
@Component
class AccountStore {

    private static final String TOKEN_PREFIX = "clt_";
    private static final String CREATED_AT = "createdAt";
    /** The request that created the account: its creator's account id and Idempotency-Key, if it sent one. */
    private static final String REQUEST = "request";
    /** The request that last rotated the account's token: who sent it and its Idempotency-Key, if it sent one. */
    private static final String ROTATION_REQUEST = "rotationRequest";
    /**
     * How many times a rotation reads the account again when another rotation changed its token meanwhile, before
     * it gives up ({@link Busy}): enough for a few renewals at once, bounded so that a storm of them ends.
     */
    private static final int ROTATION_ATTEMPTS = 10;

    private final MongoCollection<Document> accounts;
    private final AccountProperties properties;
    private final SecureRandom random = new SecureRandom();

    AccountStore(LedgerDatabase database, AccountProperties properties) {
        this.accounts = database.journaled(LedgerCollection.ACCOUNTS);
        this.properties = properties;
        accounts.createIndex(Indexes.ascending(TOKEN_HASH), new IndexOptions().unique(true).name("tokenHash_unique"));
        accounts.createIndex(Indexes.ascending(PREVIOUS_TOKEN_HASH), new IndexOptions().sparse(true)
                                                                                     .name("previousTokenHash"));
        accounts.createIndex(Indexes.ascending(REQUEST), new IndexOptions().unique(true).sparse(true)
                                                                         .name("request_unique"));
        accounts.createIndex(Indexes.ascending(ROTATION_REQUEST), new IndexOptions().unique(true).sparse(true)
                                                                                  .name("rotationRequest_unique"));
        giveOlderAccountsAnExpiry();
    }

    /**
     * Accounts made before tokens expired have none: they get a whole lifetime from now (the first start of this
     * version), which is also the later of "created + lifetime" and "now + lifetime", so that nobody is locked out
     * by the upgrade itself. Runs at every start and changes only accounts still without an expiry.
     */
    private void giveOlderAccountsAnExpiry() {
        accounts.updateMany(Filters.exists(TOKEN_EXPIRES_AT, false),
                            Updates.set(TOKEN_EXPIRES_AT, Date.from(expiryFrom(now()))));
    }

    /** The ledger's time to the millisecond, as MongoDB keeps it: an answer shows the instant stored. */
    static Instant now() {
        return LedgerTime.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant expiryFrom(Instant issuedAt) {
        return issuedAt.plus(properties.tokenLifetime());
    }

    /** The collection, for {@link SignInIdentities}: the sign-in identity's two fields on the same documents. */
    MongoCollection<Document> collection() {
        return accounts;
    }

    record Issued(Account account, String token) {
    }

    /** A rotation's result: the account, its new token (shown once) and until when the replaced one still works. */
    record Rotated(Account account, String token, Instant previousValidUntil) {
    }

    /** What a token presented is: its account (if any holds it) and the verdict on it now. */
    record Presented(Account account, TokenCheck check) {

        Optional<Account> valid() {
            return check.valid() ? Optional.of(account) : Optional.empty();
        }
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
        Instant now = now();
        Account account = new Account(UUID.randomUUID().toString(), kind, organisationId, label, now, createdBy,
                                      null, expiryFrom(now));
        Document document = new Document("_id", account.accountId())
                .append(TOKEN_HASH, AccountFields.tokenHash(token))
                .append(TOKEN_EXPIRES_AT, Date.from(account.tokenExpiresAt()))
                .append(KIND, kind.name())
                .append("organisationId", organisationId)
                .append("label", label)
                .append(CREATED_AT, Date.from(account.createdAt()))
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
        Instant expiresAt = expiryFrom(now);
        accounts.updateOne(Filters.eq("_id", earlier.accountId()),
                           Updates.combine(Updates.set(TOKEN_HASH, AccountFields.tokenHash(token)),
                                           Updates.set(TOKEN_EXPIRES_AT, Date.from(expiresAt))));
        return new Issued(withExpiry(earlier, expiresAt), token);
    }

    /**
     * Gives the account a new token, valid for a whole lifetime; the token it replaces keeps working for the grace
     * period (never past its own expiry), then is refused as replaced. Only the token just replaced is kept: a second
     * rotation ends the first one's grace at once.
     * <p>
     * The retry of a rotation whose answer was lost ({@code requestKey}, the sender's Idempotency-Key, already
     * rotated this account's token) gives the account another new token but leaves the replaced one as the first
     * rotation left it: nobody saw the token the first rotation made, and the last token somebody did see keeps its
     * grace — a retry never leaves only unseen tokens working.
     *
     * @throws NoSuchElementException if there is no such account
     * @throws Refused  if the account is revoked
     * @throws KeyReused if the key rotated another account's token
     * @throws Busy      if other rotations of the same account kept changing its token meanwhile
     * @throws NotCurrent if {@code presentedHash} (the token an account renewing its own token presented) is not the
     *                    account's current token (nor the retry of the rotation it made with the same key)
     */
    Rotated rotate(String accountId, String rotatedBy, String requestKey, String presentedHash) {
        String request = requestKey == null ? null : rotatedBy + " " + requestKey;
        for (int attempt = 0; ; attempt++) {
            Document document = accounts.find(Filters.eq("_id", accountId)).first();
            if (document == null) {
                throw new NoSuchElementException(accountId);
            }
            Account account = account(document);
            if (account.revoked()) {
                throw new Refused("Account " + accountId + " was revoked at " + account.revokedAt()
                                          + ": a revoked account gets no new token; create a new account instead");
            }
            boolean retried = request != null && request.equals(document.getString(ROTATION_REQUEST));
            if (presentedHash != null && !presentedHash.equals(document.getString(TOKEN_HASH))
                    && !(retried && presentedHash.equals(document.getString(PREVIOUS_TOKEN_HASH)))) {
                // Also where another renewal got there first: the token presented is no longer the one to renew.
                throw new NotCurrent();
            }
            String token = newToken();
            Instant now = now();
            Instant expiresAt = expiryFrom(now);
            Bson unchanged = Filters.and(Filters.eq("_id", accountId), Filters.eq(TOKEN_HASH,
                                                                                  document.getString(TOKEN_HASH)));
            Bson update;
            Instant previousValidUntil;
            if (retried) {
                previousValidUntil = instant(document, PREVIOUS_TOKEN_VALID_UNTIL);
                update = Updates.combine(Updates.set(TOKEN_HASH, AccountFields.tokenHash(token)),
                                         Updates.set(TOKEN_EXPIRES_AT, Date.from(expiresAt)));
            } else {
                Instant graceEnds = now.plus(properties.rotationGrace());
                previousValidUntil = account.tokenExpiresAt() != null && account.tokenExpiresAt().isBefore(graceEnds)
                                     ? account.tokenExpiresAt() : graceEnds;
                update = Updates.combine(Updates.set(TOKEN_HASH, AccountFields.tokenHash(token)),
                                         Updates.set(TOKEN_EXPIRES_AT, Date.from(expiresAt)),
                                         Updates.set(PREVIOUS_TOKEN_HASH, document.getString(TOKEN_HASH)),
                                         Updates.set(PREVIOUS_TOKEN_VALID_UNTIL, Date.from(previousValidUntil)),
                                         Updates.set(TOKEN_REPLACED_AT, Date.from(now)),
                                         request == null ? Updates.unset(ROTATION_REQUEST)
                                                         : Updates.set(ROTATION_REQUEST, request));
            }
            try {
                if (accounts.updateOne(unchanged, update).getModifiedCount() == 1) {
                    return new Rotated(withExpiry(account, expiresAt), token, previousValidUntil);
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    throw new KeyReused("This Idempotency-Key already rotated the token of another account");
                }
                throw e;
            }
            if (attempt + 1 >= ROTATION_ATTEMPTS) {
                throw new Busy("Other renewals of account " + accountId + "'s token are under way at the same "
                                       + "moment, and each changed it before this one could; nothing was changed "
                                       + "by this request");
            }
            // Another rotation got there first: read the account again and rotate what it left.
        }
    }

    /** An Idempotency-Key already created an account for another request (or one revoked since). */
    static final class KeyReused extends RuntimeException {
        KeyReused(String message) {
            super(message);
        }
    }

    /** The token an account presented to renew its own is not its current one: it changed nothing. */
    static final class NotCurrent extends RuntimeException {
        NotCurrent() {
            super("The token presented is not the account's current token");
        }
    }

    /** Other rotations of the account's token kept winning the race; this one changed nothing. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message);
        }
    }

    /** What cannot be done to this account, in words. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private String newToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The account a token belongs to, and whether the token is valid now (not revoked, expired nor replaced). */
    Presented present(String token) {
        String hash = AccountFields.tokenHash(token);
        Document found = accounts.find(AccountFields.byTokenHash(hash)).first();
        return new Presented(found == null ? null : account(found), AccountFields.check(found, hash, now()));
    }

    /** The account a token belongs to, unless it is unknown, revoked, expired or replaced. */
    Optional<Account> byToken(String token) {
        return present(token).valid();
    }

    /**
     * The account's document as stored now, for a console session's checks: the token hash or the sign-in identity
     * it was opened with, decided on the same document ({@link AccountFields#check}, {@link SignInIdentities}).
     */
    Optional<Document> document(String accountId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", accountId)).first());
    }

    Optional<Account> byId(String accountId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", accountId)).first()).map(AccountStore::account);
    }

    /** Every account, revoked ones included, the oldest first. */
    List<Account> all() {
        List<Account> all = new ArrayList<>();
        accounts.find().sort(Sorts.ascending(CREATED_AT)).forEach(document -> all.add(account(document)));
        return all;
    }

    /** Whether some secretariat account can sign in now: not revoked, its token not expired. */
    boolean anyUsableSecretariat() {
        return accounts.find(Filters.and(Filters.eq(KIND, AccountKind.SECRETARIAT.name()), Filters.eq(REVOKED_AT, null),
                                         Filters.or(Filters.exists(TOKEN_EXPIRES_AT, false),
                                                    Filters.gt(TOKEN_EXPIRES_AT, Date.from(now())))))
                       .first() != null;
    }

    long activeSecretariatAccounts() {
        return accounts.countDocuments(Filters.and(Filters.eq(KIND, AccountKind.SECRETARIAT.name()),
                                                   Filters.eq(REVOKED_AT, null)));
    }

    void revoke(String accountId) {
        accounts.updateOne(Filters.and(Filters.eq("_id", accountId), Filters.eq(REVOKED_AT, null)),
                           Updates.set(REVOKED_AT, Date.from(now())));
    }

    private static Account withExpiry(Account account, Instant expiresAt) {
        return new Account(account.accountId(), account.kind(), account.organisationId(), account.label(),
                           account.createdAt(), account.createdBy(), account.revokedAt(), expiresAt);
    }

    static Account account(Document document) {
        return new Account(document.getString("_id"), AccountKind.valueOf(document.getString(KIND)),
                           document.getString("organisationId"), document.getString("label"),
                           document.getDate(CREATED_AT).toInstant(), document.getString("createdBy"),
                           instant(document, REVOKED_AT), instant(document, TOKEN_EXPIRES_AT));
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
