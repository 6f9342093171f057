package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.audit.Leaves;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checkpoint that seals a meeting's minutes ({@code --meeting <id>}, docs/audit.md "Sealed minutes"), read from
 * the meeting's own stored events ({@code GET <base>/api/audit/aggregates/{id}/events}): its {@code MinutesSealed}
 * names the signed checkpoint, its size and the position of the meeting's closing. The checkpoint is then treated as
 * one the auditor saved (its root at its size is recomputed from the export, the server's consistency proof from it
 * to the latest is verified), and the two events it rests on, the sealing and the closing, must be the very events at
 * their positions in the export ({@link #expectedLeaves()}), so that the minutes checked are the log's.
 */
record MeetingSeal(String meetingId, TrustedCheckpoint checkpoint, long closingPosition, long sealPosition,
                   Map<Long, byte[]> expectedLeaves) {

    static final String PATH = "/api/audit/aggregates/";
    static final String SEALED = "org.consensusledger.events.meeting.MinutesSealed";
    static final String CLOSED = "org.consensusledger.events.meeting.MeetingClosed";

    /** How its checkpoint is described (the start of every message about it). */
    static final String DESCRIPTION = "the checkpoint that seals the minutes of meeting ";

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    static String url(String base, String meetingId) {
        return base + PATH + URLEncoder.encode(meetingId, StandardCharsets.UTF_8).replace("+", "%20") + "/events";
    }

    /** Fetches and checks the seal: a meeting that is unknown or not sealed yet is unusable input. */
    static MeetingSeal fetch(String base, String meetingId, LogKeys logKey)
            throws UnusableInputException, LogMismatch {
        String url = url(base, meetingId);
        Source.Answer answer = Source.fetch(url, "application/x-ndjson");
        if (answer.status() == 404) {
            throw new UnusableInputException("the ledger has no meeting \"" + meetingId + "\" (" + url
                    + " answered 404)");
        }
        if (answer.status() != 200) {
            throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
        }
        JsonNode sealed = null;
        JsonNode closed = null;
        Map<Long, byte[]> leaves = new TreeMap<>();
        for (String line : new String(answer.body(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event;
            try {
                event = MAPPER.readTree(line);
            } catch (IOException e) {
                throw new UnusableInputException("the events of meeting " + meetingId + " (" + url
                        + ") hold a line that is not JSON", e);
            }
            String type = event.path("payloadType").asText();
            if (SEALED.equals(type) && sealed == null) {
                sealed = event;
            } else if (CLOSED.equals(type)) {
                closed = event;
            }
        }
        if (sealed == null) {
            throw new UnusableInputException("the minutes of meeting " + meetingId + " are not sealed (yet): "
                    + url + " holds no MinutesSealed");
        }
        JsonNode payload = sealed.path("payload");
        String note = payload.path("checkpoint").asText(null);
        long size = payload.path("checkpointSize").asLong(-1);
        long closing = payload.path("closingPosition").asLong(-1);
        if (note == null || size < 0 || closing < 0) {
            throw new UnusableInputException("the MinutesSealed of meeting " + meetingId + " (" + url
                    + ") lacks its checkpoint, checkpointSize or closingPosition");
        }
        String description = DESCRIPTION + meetingId;
        TrustedCheckpoint checkpoint = TrustedCheckpoint.parse(note, url, description, logKey);
        if (checkpoint.size() != size) {
            throw new LogMismatch(description + " is of size " + checkpoint.size() + ", but the minutes say "
                    + size);
        }
        if (closed == null || closed.path("globalPosition").asLong(-1) != closing) {
            throw new LogMismatch("the minutes of meeting " + meetingId + " are sealed at the closing at position "
                    + closing + ", which is not the meeting's closing in its events (" + url + ")");
        }
        if (closing >= size) {
            throw new LogMismatch(description + " (size " + size + ") does not hold the meeting's closing, at "
                    + "position " + closing);
        }
        long sealPosition = sealed.path("globalPosition").asLong(-1);
        leaves.put(closing, leafHash(closed, url));
        leaves.put(sealPosition, leafHash(sealed, url));
        return new MeetingSeal(meetingId, checkpoint, closing, sealPosition, leaves);
    }

    private static byte[] leafHash(JsonNode event, String url) throws UnusableInputException {
        try {
            return Leaves.leafHash(event);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("an event of " + url + " cannot be a leaf: " + e.getMessage(), e);
        }
    }

    /**
     * Checks the export's leaf at {@code position} against the meeting's events as the server served them: the
     * closing and the sealing must be the same events in both.
     */
    void checkLeaf(long position, byte[] leafHash) throws LogMismatch {
        byte[] expected = expectedLeaves.get(position);
        if (expected != null && !MessageDigest.isEqual(expected, leafHash)) {
            throw new LogMismatch(position, "the event at position " + position + " is not the "
                    + (position == closingPosition ? "closing" : "sealing") + " of meeting " + meetingId
                    + " that the server serves among the meeting's events (leaf " + HexFormat.of().formatHex(expected)
                    + " there, " + HexFormat.of().formatHex(leafHash) + " in the export)");
        }
    }
}
