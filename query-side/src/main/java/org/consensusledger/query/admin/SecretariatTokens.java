package org.consensusledger.query.admin;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.consensusledger.eventlog.AccountFields;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Checks a bearer token against the secretariat accounts the command side keeps in the same database
 * ({@code accounts}: only the SHA-256 of each token, under a unique index), with the same decision the command side
 * makes ({@link AccountFields#check}: not revoked, not expired, not replaced past its change-over period).
 * Administration of the query side, such as a replay, needs the secretariat's token; reading never needs one.
 */
@Component
class SecretariatTokens {

    private static final String PREFIX = "Bearer ";

    private final MongoCollection<Document> accounts;

    SecretariatTokens(LedgerDatabase database) {
        this.accounts = database.collection(LedgerCollection.ACCOUNTS);
    }

    boolean isSecretariat(String authorization) {
        Presented presented = present(authorization);
        return presented.check().valid() && presented.secretariat();
    }

    /**
     * The 401 answer to this authorization, in words: that its token expired or was replaced (and what to do), or
     * else {@code otherwise}, which says what the request needs.
     */
    ResponseEntity<ProblemDetail> refusal(String authorization, String otherwise) {
        AccountFields.TokenCheck check = present(authorization).check();
        return switch (check.verdict()) {
            case EXPIRED -> AdminAnswers.unauthorized("token-expired", "This token expired at " + check.at()
                    + ". A secretariat account renews it on the command side (POST /api/accounts/{id}/token, or "
                    + "Renew on the console's accounts screen). " + otherwise);
            case REPLACED -> AdminAnswers.unauthorized("token-replaced", "This token was replaced by a new one and "
                    + "stopped working at " + check.at() + "; use the new token. " + otherwise);
            default -> AdminAnswers.unauthorized(otherwise);
        };
    }

    private record Presented(Document account, AccountFields.TokenCheck check) {

        boolean secretariat() {
            return AccountFields.SECRETARIAT.equals(account.getString(AccountFields.KIND));
        }
    }

    private Presented present(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return new Presented(null, AccountFields.check(null, null, Instant.now()));
        }
        String hash = AccountFields.tokenHash(authorization.substring(PREFIX.length()).trim());
        Document account = accounts.find(AccountFields.byTokenHash(hash)).first();
        return new Presented(account, AccountFields.check(account, hash, Instant.now()));
    }
}
