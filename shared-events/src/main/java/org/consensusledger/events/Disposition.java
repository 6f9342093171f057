package org.consensusledger.events;

/**
 * How an objection was addressed: accommodated by a later revision, or answered with written reasons.
 */
public enum Disposition {
    ACCOMMODATED,
    NOT_ACCOMMODATED
}
