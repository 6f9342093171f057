package org.consensusledger.events.body;

/**
 * An event of one body's stream: its mandate, members and co-chairs.
 */
public sealed interface BodyEvent permits
        BodyEstablished, CoChairAppointed, CoChairRelieved, MembershipRequested, MemberAdmitted, MemberWithdrawn,
        MandateAmended, ConsensusCallLimitSet {

    String bodyId();
}
