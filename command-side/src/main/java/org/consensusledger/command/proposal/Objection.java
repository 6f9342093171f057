package org.consensusledger.command.proposal;

import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;

/** An objection as the proposal's decisions need it: who raised it, against which version, and how it stands. */
final class Objection {

    final String objectionId;
    final String organisationId;
    final StakeholderGroup stakeholderGroup;
    final int version;
    final String grounds;
    Disposition disposition;
    String reasons;
    boolean withdrawn;

    Objection(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
              String grounds) {
        this.objectionId = objectionId;
        this.organisationId = organisationId;
        this.stakeholderGroup = stakeholderGroup;
        this.version = version;
        this.grounds = grounds;
    }

    /** Still to be addressed before rough consensus can be declared. */
    boolean blocks() {
        return !withdrawn && disposition == null;
    }

    /** Addressed but not accommodated: part of the dissent a declaration records. */
    boolean isDissent() {
        return !withdrawn && disposition == Disposition.NOT_ACCOMMODATED;
    }
}
