package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.events.LedgerJson;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every checkpoint recorded in the minutes of the meetings the export holds (docs/audit.md "The verifier's memory"):
 * the one each {@code MinutesSealed} seals the minutes with, and the one each {@code MeetingClosed} (revision 2)
 * records as current at the closing. Met while the export is read; checked after it: each must be signed by the
 * log's key, a seal must be of the size it says and hold its meeting's closing (the export's {@code MeetingClosed}
 * at that position), none may be larger than the latest checkpoint, two of one size must have one root, and the
 * export's own root at each recorded size (recomputed from its leaf hashes, {@link LeafSpill}) must be the recorded
 * root. As the export's root at the latest size is the latest checkpoint's, that proves each recorded checkpoint
 * consistent with the latest, offline. So a log rewritten before a meeting closed fails without {@code --meeting}
 * and without {@code --server}, as long as its minutes were left as they were.
 */
final class MinutesCheckpoints {

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    /** A checkpoint an event of the export records (or, for a closing without one, only where the closing is). */
    record Recorded(long position, boolean seal, String meetingId, String note, long checkpointSize,
                    long closingPosition) {

        String description() {
            return "the checkpoint " + (seal ? "that seals the minutes" : "recorded at the closing") + " of meeting "
                    + meetingId + " (" + (seal ? "MinutesSealed" : "MeetingClosed") + " at position " + position
                    + ")";
        }
    }

    /** What was checked, for the verdict. */
    record Outcome(int checkpoints, int meetings, int sizes) {
    }

    private final Map<Long, String> closings = new HashMap<>();
    private final List<Recorded> recorded = new ArrayList<>();

    /** The decoder's part, on the hashing threads: what a meeting's closing or sealing records, else null. */
    static Recorded decode(String payloadType, byte[] line, long position) throws LogMismatch {
        boolean seal = MeetingSeal.SEALED.equals(payloadType);
        if (!seal && !MeetingSeal.CLOSED.equals(payloadType)) {
            return null;
        }
        JsonNode event;
        try {
            event = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new LogMismatch(position, "the event at position " + position + " is not readable JSON");
        }
        JsonNode payload = event.path("payload");
        String meetingId = payload.path("meetingId").asText(event.path("aggregateId").asText("?"));
        JsonNode checkpoint = payload.get("checkpoint");
        String note = checkpoint == null || !checkpoint.isTextual() ? null : checkpoint.textValue();
        if (seal && (note == null || !payload.path("checkpointSize").canConvertToLong()
                || !payload.path("closingPosition").canConvertToLong())) {
            throw new LogMismatch(position, "the sealing of the minutes of meeting " + meetingId + " at position "
                    + position + " lacks its checkpoint, checkpointSize or closingPosition");
        }
        return new Recorded(position, seal, meetingId, note, payload.path("checkpointSize").asLong(-1),
                            payload.path("closingPosition").asLong(-1));
    }

    /** Takes a decoded closing or sealing, in log order. */
    void add(Recorded event) {
        if (!event.seal()) {
            closings.put(event.position(), event.meetingId());
        }
        if (event.note() != null) {
            recorded.add(event);
        }
    }

    boolean isEmpty() {
        return recorded.isEmpty();
    }

    /**
     * Checks every recorded checkpoint against the latest (and the checkpoints saved or remembered, in
     * {@code others}) and against the export's roots at their sizes ({@code leaves}: every leaf of the export).
     */
    Outcome check(LogKeys logKey, TrustedCheckpoint latest, List<TrustedCheckpoint> others, LeafSpill leaves)
            throws LogMismatch, UnusableInputException {
        Map<Long, TrustedCheckpoint> bySize = new TreeMap<>();
        Map<Long, Recorded> firstOfSize = new TreeMap<>();
        Map<String, Boolean> meetings = new LinkedHashMap<>();
        for (TrustedCheckpoint known : others) {
            bySize.putIfAbsent(known.size(), known);
        }
        bySize.put(latest.size(), latest);
        List<Map.Entry<Recorded, TrustedCheckpoint>> toCompare = new ArrayList<>();
        for (Recorded event : recorded) {
            TrustedCheckpoint checkpoint = trusted(event, logKey);
            meetings.put(event.meetingId(), true);
            if (event.seal()) {
                if (checkpoint.size() != event.checkpointSize()) {
                    throw new LogMismatch(event.position(), event.description() + " is of size "
                            + checkpoint.size() + ", but the minutes say " + event.checkpointSize());
                }
                if (!event.meetingId().equals(closings.get(event.closingPosition()))) {
                    throw new LogMismatch(event.position(), "the minutes of meeting " + event.meetingId()
                            + " are sealed at the closing at position " + event.closingPosition() + ", which is not "
                            + "that meeting's closing in the export");
                }
                if (event.closingPosition() >= checkpoint.size()) {
                    throw new LogMismatch(event.position(), event.description() + " (size " + checkpoint.size()
                            + ") does not hold the meeting's closing, at position " + event.closingPosition());
                }
            }
            if (checkpoint.size() > latest.size()) {
                throw new LogMismatch(event.position(), "the log was rolled back: " + event.description()
                        + " is of size " + checkpoint.size() + ", larger than the latest checkpoint, of size "
                        + latest.size());
            }
            TrustedCheckpoint same = bySize.get(checkpoint.size());
            if (same != null && !MessageDigest.isEqual(same.root(), checkpoint.root())) {
                Recorded other = firstOfSize.get(checkpoint.size());
                throw new LogMismatch(event.position(), "the log forked: " + event.description() + " and "
                        + (other != null ? other.description() : same.description()) + " are both signed for size "
                        + checkpoint.size() + " but with different roots (" + LogVerifier.base64(checkpoint.root())
                        + ", " + LogVerifier.base64(same.root()) + ")");
            }
            if (same == null) {
                bySize.put(checkpoint.size(), checkpoint);
                firstOfSize.put(checkpoint.size(), event);
                toCompare.add(Map.entry(event, checkpoint));
            }
        }
        // One size, one root (checked above): the export's root at each size recorded first in minutes, in one pass.
        // (The sizes of the latest and of the saved checkpoints were compared while the export was read.)
        Map<Long, byte[]> roots = leaves.roots(new TreeSet<>(firstOfSize.keySet()));
        for (Map.Entry<Recorded, TrustedCheckpoint> compared : toCompare) {
            Recorded event = compared.getKey();
            TrustedCheckpoint checkpoint = compared.getValue();
            long size = checkpoint.size();
            byte[] root = roots.get(size);
            if (!MessageDigest.isEqual(root, checkpoint.root())) {
                throw new LogMismatch(event.position(), "the log no longer extends " + event.description()
                        + ", of size " + size + " (the latest checkpoint is of size " + latest.size() + "): the "
                        + "export's first " + size + " events have the root " + LogVerifier.base64(root) + ", the "
                        + "recorded checkpoint " + LogVerifier.base64(checkpoint.root()) + ", so events before "
                        + size + " were changed, removed, inserted or reordered since the meeting's minutes recorded "
                        + "it");
            }
        }
        return new Outcome(recorded.size(), meetings.size(), firstOfSize.size());
    }

    private static TrustedCheckpoint trusted(Recorded event, LogKeys logKey) throws LogMismatch {
        try {
            return TrustedCheckpoint.parse(event.note(), "the export", event.description(), logKey);
        } catch (UnusableInputException e) {
            throw new LogMismatch(event.position(), e.getMessage());
        } catch (LogMismatch e) {
            throw new LogMismatch(event.position(), e.getMessage());
        }
    }
}
