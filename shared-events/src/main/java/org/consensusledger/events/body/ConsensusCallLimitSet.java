package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;

/**
 * The secretariat set the body's terms for consensus calls: no call may run longer than {@code maxCallDays} days
 * (a body without this event has the ledger's default, {@link #DEFAULT_DAYS}), so that no co-chair can hold a decision back with a
 * call that never ends.
 */
@Revision("1")
public record ConsensusCallLimitSet(String bodyId,
                                    int maxCallDays) implements BodyEvent {

    /** The longest a consensus call may run in a body whose terms set no limit: the ledger's default, in days. */
    public static final int DEFAULT_DAYS = 14;
}
