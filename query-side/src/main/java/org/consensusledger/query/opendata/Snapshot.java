package org.consensusledger.query.opendata;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;
import java.util.List;

/**
 * The public record folded from the log up to one signed checkpoint: every event at a global position below the
 * checkpoint's tree size and none after, so that every export made from it is consistent with that checkpoint.
 */
record Snapshot(Stamp stamp, List<Organisation> organisations, List<Body> bodies, List<Membership> memberships,
                List<Meeting> meetings, List<DossierDocument> dossiers, List<Withdrawal> withdrawals) {

    /**
     * Where in the log the snapshot was made: the checkpoint's tree size (events at positions 0 to size - 1), the
     * last position included, the checkpoint's origin and root hash (base64, as in the note), the signed note.
     */
    record Stamp(long treeSize, long logPosition, String origin, String rootHash, String signedNote,
                 Instant signedAt) {
    }

    record Organisation(String id, String name, StakeholderGroup stakeholderGroup, String country,
                        Instant registeredAt) {
    }

    record Body(String id, String name, BodyKind kind, String parentBodyId, String mandate, Instant establishedAt) {
    }

    /**
     * An organisation's membership of a body, or its term as a co-chair ({@code role}): when it began, and when and
     * why it ended (null while it lasts).
     */
    record Membership(String bodyId, String organisationId, String role, StakeholderGroup stakeholderGroup,
                      AdmissionPath admission, Instant startedAt, Instant endedAt, String endReason) {

        static final String MEMBER = "member";
        static final String CO_CHAIR = "co-chair";
    }

    /** A meeting; {@code status} is scheduled, open, closed or cancelled. */
    record Meeting(String id, String bodyId, String title, Instant startsAt, MeetingFormat format, String location,
                   String status, Instant openedAt, Instant closedAt, Instant cancelledAt, String cancelReason,
                   String sealingCheckpoint, long position) {
    }

    /** A proposal withdrawn by its proposer or a co-chair (not an outcome in the dossier's sense). */
    record Withdrawal(String proposalId, String withdrawnBy, String reason, String meetingId, Instant occurredAt,
                      Instant recordedAt, long globalPosition) {
    }
}
