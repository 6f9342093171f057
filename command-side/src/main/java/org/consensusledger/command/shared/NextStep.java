package org.consensusledger.command.shared;

/**
 * What the rules still allow where they refused a command, in the ledger's words: a decided proposal may be
 * appealed, an appeal decided, a deferred proposal reopened, and any record corrected. The refusal's message says it
 * to a person; the API tells a client where to send it (the problem's {@code next} member), so that the rules know
 * nothing of HTTP.
 */
public record NextStep(Action action, String proposalId, String appealId) {

    public enum Action {
        APPEAL, APPEAL_DECISION, REOPENING, CORRECTION
    }

    public static NextStep appeal(String proposalId) {
        return new NextStep(Action.APPEAL, proposalId, null);
    }

    public static NextStep appealDecision(String proposalId, String appealId) {
        return new NextStep(Action.APPEAL_DECISION, proposalId, appealId);
    }

    public static NextStep reopening(String proposalId) {
        return new NextStep(Action.REOPENING, proposalId, null);
    }

    /** A record correction is a record of its own, made of no proposal in particular. */
    public static NextStep correction() {
        return new NextStep(Action.CORRECTION, null, null);
    }
}
