package org.consensusledger.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.consensusledger.eventlog.AccountFields;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a bearer token against the secretariat accounts the command side keeps in the same database
 * ({@code accounts}: only the SHA-256 of each token, under a unique index). Administration of the query side, such
 * as a replay, needs the secretariat's token; reading never needs one.
 */
@Component
class SecretariatTokens {

    private final MongoCollection<Document> accounts;

    SecretariatTokens(LedgerDatabase database) {
        this.accounts = database.collection(LedgerCollection.ACCOUNTS);
    }

    boolean isSecretariat(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Document account = accounts.find(Filters.eq(AccountFields.TOKEN_HASH, sha256(authorization.substring(7).trim()))).first();
        return account != null && AccountFields.SECRETARIAT.equals(account.getString(AccountFields.KIND))
                && account.get(AccountFields.REVOKED_AT) == null;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
