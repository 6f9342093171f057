package org.consensusledger.dossier;

import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;

import java.util.Collection;
import java.util.Map;

/**
 * Rule 5 of the terms of reference, shown and never enforced: a working group should be co-facilitated by at least one
 * government and one non-governmental organisation, and include at least one private-sector organisation. The one
 * place the rule is computed, so that a body's page, the composition recorded with each decision and the auditor's
 * verifier cannot differ on it.
 */
public record Composition(boolean applies, boolean coFacilitatedByGovernment, boolean coFacilitatedByNonGovernmental,
                          boolean includesPrivateSector, boolean met) {

    /**
     * The indicators of a body of this kind, with these members (their stakeholder groups, by organisation) and
     * co-chairs; a co-chair that is not a member counts for no group.
     */
    public static Composition of(BodyKind kind, Map<String, StakeholderGroup> members, Collection<String> coChairs) {
        boolean government = coChairs.stream().anyMatch(coChair -> members.get(coChair) == StakeholderGroup.GOVERNMENT);
        boolean nonGovernmental = coChairs.stream().map(members::get)
                                          .anyMatch(group -> group != null && group != StakeholderGroup.GOVERNMENT);
        boolean privateSector = members.containsValue(StakeholderGroup.PRIVATE_SECTOR);
        boolean applies = kind == BodyKind.WORKING_GROUP;
        return new Composition(applies, government, nonGovernmental, privateSector,
                               !applies || government && nonGovernmental && privateSector);
    }
}
