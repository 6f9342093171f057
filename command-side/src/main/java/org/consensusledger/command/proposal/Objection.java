package org.consensusledger.command.proposal;

import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;

/**
 * An objection as the proposal's decisions need it: who raised it, against which version, and how it stands; who
 * gave its disposition ({@code addressedBy}, the co-chair's organisation) so that a co-chair who gave another one at
 * the same moment is told whose it is.
 */
record Objection(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                 String grounds, Disposition disposition, String reasons, String addressedBy, boolean withdrawn) {

    static Objection raised(String objectionId, String organisationId, StakeholderGroup stakeholderGroup, int version,
                            String grounds) {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, null, null, null, false);
    }

    Objection addressed(Disposition newDisposition, String newReasons, String by) {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, newDisposition,
                             newReasons, by, withdrawn);
    }

    Objection withdraw() {
        return new Objection(objectionId, organisationId, stakeholderGroup, version, grounds, disposition, reasons,
                             addressedBy, true);
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
