package org.consensusledger.events;

/**
 * An objection that was addressed but not accommodated when rough consensus was declared: the dissent the
 * declaration carries, with the objector's grounds and the co-chairs' reasons side by side.
 */
public record Dissent(String objectionId,
                      String organisationId,
                      StakeholderGroup stakeholderGroup,
                      String grounds,
                      String reasons) {
}
