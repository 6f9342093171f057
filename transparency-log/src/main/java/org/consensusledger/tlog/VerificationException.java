package org.consensusledger.tlog;

/**
 * Something that was to be verified is not as claimed: a proof that does not lead to the root, a signature that
 * does not verify, a malformed proof or note. Checked, because a verifier must decide what a failure means for
 * it; the message says what failed.
 */
public class VerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
