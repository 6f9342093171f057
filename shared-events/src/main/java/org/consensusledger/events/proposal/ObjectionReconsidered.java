package org.consensusledger.events.proposal;

import org.axonframework.serialization.Revision;
import org.consensusledger.events.Disposition;

import java.time.Instant;

/**
 * After an appeal was upheld ({@code appealId}), a co-chair ({@code reconsideredBy}) gave an objection a new
 * disposition; the one before stays on the record, and a later declaration records this one. As with the first
 * disposition, {@code accommodatingVersion} is set for {@code ACCOMMODATED} and {@code reasons} for
 * {@code NOT_ACCOMMODATED}.
 */
@Revision("1")
public record ObjectionReconsidered(String proposalId,
                                    String bodyId,
                                    String objectionId,
                                    Disposition disposition,
                                    Integer accommodatingVersion,
                                    String reasons,
                                    String reconsideredBy,
                                    String appealId,
                                    String meetingId,
                                    Instant occurredAt) implements ProposalEvent {
}
