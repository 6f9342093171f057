package org.consensusledger.command.account;

/** A delegate acts for one organisation; the secretariat administers the ledger and acts for none. */
enum AccountKind {
    DELEGATE, SECRETARIAT
}
