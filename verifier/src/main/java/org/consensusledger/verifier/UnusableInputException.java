package org.consensusledger.verifier;

/**
 * An input cannot be used at all: a source that cannot be read, a malformed checkpoint or key, a server that does
 * not answer. Nothing has been verified, in either direction (exit code 2).
 */
public class UnusableInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnusableInputException(String message) {
        super(message);
    }

    public UnusableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
