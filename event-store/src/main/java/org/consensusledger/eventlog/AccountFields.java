package org.consensusledger.eventlog;

/**
 * The fields of the command side's accounts ({@link LedgerCollection#ACCOUNTS}) that the query side reads to know a
 * secretariat's token: named once, here, for the writer and its one reader.
 */
public final class AccountFields {

    /** The SHA-256 of the account's token, hexadecimal, under a unique index. */
    public static final String TOKEN_HASH = "tokenHash";
    /** What the account may do: {@link #SECRETARIAT}, or the kind of a delegate's or co-chair's account. */
    public static final String KIND = "kind";
    /** When it was revoked; absent while it is valid. */
    public static final String REVOKED_AT = "revokedAt";
    /** The kind of a secretariat's account. */
    public static final String SECRETARIAT = "SECRETARIAT";

    private AccountFields() {
    }
}
