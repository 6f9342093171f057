package org.consensusledger.events;

/**
 * The stakeholder group an organisation belongs to; tallies and composition indicators are by group.
 */
public enum StakeholderGroup {
    GOVERNMENT,
    CIVIL_SOCIETY,
    PRIVATE_SECTOR,
    ACADEMIA,
    MULTILATERAL,
    TECHNICAL_COMMUNITY
}
