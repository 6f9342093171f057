package org.consensusledger.command.shared;

/**
 * A command that a rule of the ledger forbids in the current state (HTTP 409). The message names the rule and the
 * state, and reaches the user unchanged; {@code rule} is a stable short name clients can match on.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
