package org.consensusledger.command.shared;

import java.util.List;

/**
 * A command that a rule of the ledger forbids in the current state (HTTP 409). The message names the rule and the
 * state, and reaches the user unchanged; {@code rule} is a stable short name clients can match on; {@code next} what
 * may be done instead, where the rules say (often nothing).
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final List<NextStep> next;

    public RuleViolation(String rule, String message) {
        this(rule, message, List.of());
    }

    public RuleViolation(String rule, String message, List<NextStep> next) {
        super(message);
        this.rule = rule;
        this.next = List.copyOf(next);
    }

    public String rule() {
        return rule;
    }

    public List<NextStep> next() {
        return next;
    }
}
