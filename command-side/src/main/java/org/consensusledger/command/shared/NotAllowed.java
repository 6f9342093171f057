package org.consensusledger.command.shared;

/** The account may not do this (HTTP 403): the message says who may. */
public class NotAllowed extends RuntimeException {

    public NotAllowed(String message) {
        super(message);
    }
}
