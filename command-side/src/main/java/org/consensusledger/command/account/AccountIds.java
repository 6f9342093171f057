package org.consensusledger.command.account;

import org.consensusledger.command.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;

/**
 * The length limit of an account id in a path ({@code /api/accounts/{accountId}/…}): every account id is a UUID, so
 * a longer one names no account, and is refused with a short problem that does not echo it — nothing that long is
 * looked up, written back or logged. Public for the sign-in identities' endpoints (command.sso).
 */
public final class AccountIds {

    /** Longer than any account id (a UUID has 36 characters), with room to spare. */
    public static final int MAX_LENGTH = 64;

    private AccountIds() {
    }

    /** @throws TooLong (a 400 problem {@code account-id-too-long}) if the id is longer than {@link #MAX_LENGTH} */
    public static void require(String accountId) {
        if (accountId != null && accountId.length() > MAX_LENGTH) {
            throw new TooLong(accountId.length());
        }
    }

    /** An account id too long to be one; answered as a 400 problem saying how long it was, not what it was. */
    static final class TooLong extends ErrorResponseException {
        TooLong(int length) {
            super(HttpStatus.BAD_REQUEST, problem(length), null);
        }

        private static ProblemDetail problem(int length) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "account-id-too-long", "Account id too long",
                                                "The account id in the path has " + length + " characters; an "
                                                        + "account id has at most " + MAX_LENGTH + " (it is the "
                                                        + "accountId an account's creation returned)");
            // Not the request's own path, which Spring would otherwise put here: it holds the id in full.
            problem.setInstance(URI.create("/api/accounts"));
            return problem;
        }
    }
}
