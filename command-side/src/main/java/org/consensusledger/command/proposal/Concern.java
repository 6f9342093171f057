package org.consensusledger.command.proposal;

import org.consensusledger.events.StakeholderGroup;

/** A concern as raised: by whom, against which version, and what it says (concerns do not block). */
record Concern(String concernId, String organisationId, StakeholderGroup stakeholderGroup, int version, String text) {
}
