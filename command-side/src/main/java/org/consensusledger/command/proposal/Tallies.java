package org.consensusledger.command.proposal;

import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Contributions counted by stakeholder group, for the record of an outcome (informational: heads do not decide).
 * Support and stand-asides count organisations by their latest position; concerns and objections (not withdrawn)
 * count every one raised (the caller leaves out withdrawn objections).
 */
final class Tallies {

    enum Position {
        SUPPORT, STAND_ASIDE
    }

    record Stance(Position position, StakeholderGroup stakeholderGroup) {
    }

    private Tallies() {
    }

    static List<GroupTally> of(Collection<Stance> positions, Collection<StakeholderGroup> concerns,
                               Collection<StakeholderGroup> objections) {
        Map<StakeholderGroup, int[]> counts = new EnumMap<>(StakeholderGroup.class);
        for (Stance stance : positions) {
            counts.computeIfAbsent(stance.stakeholderGroup(), group -> new int[4])[
                    stance.position() == Position.SUPPORT ? 0 : 1]++;
        }
        for (StakeholderGroup group : concerns) {
            counts.computeIfAbsent(group, g -> new int[4])[2]++;
        }
        for (StakeholderGroup group : objections) {
            counts.computeIfAbsent(group, g -> new int[4])[3]++;
        }
        List<GroupTally> tallies = new ArrayList<>();
        counts.forEach((group, count) -> tallies.add(new GroupTally(group, count[0], count[1], count[2], count[3])));
        return tallies;
    }
}
