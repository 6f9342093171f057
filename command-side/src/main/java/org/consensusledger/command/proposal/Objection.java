package org.consensusledger.command.proposal;

import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;

/** An objection as the proposal's decisions need it: who raised it, against which version, and how it stands. */
record Objection(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                 String grounds, Disposition disposition, String reasons, boolean withdrawn) {

    static Objection raised(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                            String grounds) {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, null, null, false);
    }

    Objection addressed(Disposition newDisposition, String newReasons) {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, newDisposition,
                             newReasons, withdrawn);
    }

    Objection withdraw() {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, disposition, reasons,
                             true);
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
