package org.consensusledger.web;

/**
 * A value from a request that a rule of the ledger refuses, with a message in plain words that names the rule and,
 * for a character, its code point ({@code U+0007}) but never the raw character or value: the message goes back to
 * the client and into logs.
 */
public class RefusedInput extends IllegalArgumentException {

    public RefusedInput(String message) {
        super(message);
    }
}
