package org.consensusledger.command.shared;

/** A command names something the ledger does not hold (HTTP 404), e.g. an unknown organisation or objection. */
public class UnknownReference extends RuntimeException {

    private final String kind;
    private final String id;

    public UnknownReference(String kind, String id) {
        super("There is no " + kind + " " + id);
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
