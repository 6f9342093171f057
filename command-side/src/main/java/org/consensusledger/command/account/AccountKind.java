package org.consensusledger.command.account;

/** A delegate acts for one organisation; the secretariat administers the ledger and acts for none. */
public enum AccountKind {
    DELEGATE, SECRETARIAT
}
