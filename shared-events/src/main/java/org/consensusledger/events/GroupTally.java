package org.consensusledger.events;

/**
 * Contributions of one stakeholder group to a proposal when its outcome was declared. Informational only: counting
 * heads does not decide rough consensus (RFC 7282). Support and stand-asides count organisations by their latest
 * position; concerns and objections count every one raised.
 */
public record GroupTally(StakeholderGroup stakeholderGroup,
                         int support,
                         int standAsides,
                         int concerns,
                         int objections) {
}
