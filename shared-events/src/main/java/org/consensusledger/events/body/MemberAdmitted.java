package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.StakeholderGroup;

/**
 * An organisation became a member; who asked and who admitted it are kept.
 */
@Revision("1")
public record MemberAdmitted(String bodyId,
                             String organisationId,
                             StakeholderGroup stakeholderGroup,
                             AdmissionPath path,
                             String requestedBy,
                             String admittedBy) implements BodyEvent {
}
