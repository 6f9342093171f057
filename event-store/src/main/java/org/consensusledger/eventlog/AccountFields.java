package org.consensusledger.eventlog;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * The fields of the command side's accounts ({@link LedgerCollection#ACCOUNTS}) that the query side reads to know a
 * secretariat's token, named once, here, for the writer and its one reader; and the one decision both make of a
 * token: {@link #check whether it is valid for an account document now}.
 */
public final class AccountFields {

    /** The SHA-256 of the account's current token, hexadecimal, under a unique index. */
    public static final String TOKEN_HASH = "tokenHash";
    /** When the current token stops working. Absent only on an account made before tokens expired, until upgraded. */
    public static final String TOKEN_EXPIRES_AT = "tokenExpiresAt";
    /** The SHA-256 of the token the current one replaced (indexed, not unique); absent until a first rotation. */
    public static final String PREVIOUS_TOKEN_HASH = "previousTokenHash";
    /** Until when the replaced token still works: the rotation's grace period, never past its own expiry. */
    public static final String PREVIOUS_TOKEN_VALID_UNTIL = "previousTokenValidUntil";
    /** When the current token replaced the previous one. */
    public static final String TOKEN_REPLACED_AT = "tokenReplacedAt";
    /** What the account may do: {@link #SECRETARIAT}, or the kind of a delegate's or co-chair's account. */
    public static final String KIND = "kind";
    /** When it was revoked; absent while it is valid. */
    public static final String REVOKED_AT = "revokedAt";
    /** The kind of a secretariat's account. */
    public static final String SECRETARIAT = "SECRETARIAT";

    private AccountFields() {
    }

    /** What a token is for an account document at a given time. */
    public enum Verdict {
        /** It works. */
        VALID,
        /** No account has it (or the account given is not the one it belongs to). */
        UNKNOWN,
        /** Its account is revoked. */
        REVOKED,
        /** It is the account's current token, and its lifetime is over. */
        EXPIRED,
        /** A newer token replaced it and its grace period is over. */
        REPLACED
    }

    /**
     * The verdict on a token, and the instant it turns on: when the account was revoked, when the token expired or
     * stopped working after its replacement, or — for a valid token — when it will stop working (null: not known, an
     * account not yet given an expiry).
     */
    public record TokenCheck(Verdict verdict, Instant at, boolean replaced) {

        public TokenCheck(Verdict verdict, Instant at) {
            this(verdict, at, false);
        }

        public boolean valid() {
            return verdict == Verdict.VALID;
        }

        /**
         * Whether the token is valid only as the one a newer token replaced, in its change-over period: it works for
         * reads and commands until {@link #at}, but it does not renew the account's token (only the current token
         * or the secretariat does), so that it cannot push its successor out.
         */
        public boolean inChangeOver() {
            return valid() && replaced;
        }
    }

    /** The SHA-256 of a token, hexadecimal: what {@link #TOKEN_HASH} holds. */
    public static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** The account holding this token hash, as its current token or as the one that token replaced. */
    public static Bson byTokenHash(String tokenHash) {
        return Filters.or(Filters.eq(TOKEN_HASH, tokenHash), Filters.eq(PREVIOUS_TOKEN_HASH, tokenHash));
    }

    /**
     * Whether a token with this hash is valid for this account document now: not revoked; the account's current
     * token before its expiry (an account without one yet counts as valid: the command side gives it one when it
     * starts), or the token it replaced before the grace period ends.
     */
    public static TokenCheck check(Document account, String tokenHash, Instant now) {
        if (account == null || tokenHash == null) {
            return new TokenCheck(Verdict.UNKNOWN, null);
        }
        Instant revokedAt = instant(account, REVOKED_AT);
        boolean current = tokenHash.equals(account.getString(TOKEN_HASH));
        boolean previous = !current && tokenHash.equals(account.getString(PREVIOUS_TOKEN_HASH));
        if (!current && !previous) {
            return new TokenCheck(Verdict.UNKNOWN, null);
        }
        if (revokedAt != null) {
            return new TokenCheck(Verdict.REVOKED, revokedAt);
        }
        if (current) {
            Instant expiresAt = instant(account, TOKEN_EXPIRES_AT);
            return expiresAt == null || now.isBefore(expiresAt) ? new TokenCheck(Verdict.VALID, expiresAt)
                                                                : new TokenCheck(Verdict.EXPIRED, expiresAt);
        }
        Instant validUntil = instant(account, PREVIOUS_TOKEN_VALID_UNTIL);
        return validUntil != null && now.isBefore(validUntil) ? new TokenCheck(Verdict.VALID, validUntil, true)
                                                              : new TokenCheck(Verdict.REPLACED, validUntil, true);
    }

    private static Instant instant(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Date date ? date.toInstant() : null;
    }
}
