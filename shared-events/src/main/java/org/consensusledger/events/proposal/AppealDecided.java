package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.AppealDecision;

import java.time.Instant;

/**
 * A co-chair who did not declare the outcome decided the appeal; upheld opens the proposal again.
 */
@Revision("1")
public record AppealDecided(String proposalId,
                            String bodyId,
                            String appealId,
                            AppealDecision decision,
                            String reasons,
                            String decidedBy,
                            String meetingId,
                            Instant occurredAt) implements ProposalEvent {
}
