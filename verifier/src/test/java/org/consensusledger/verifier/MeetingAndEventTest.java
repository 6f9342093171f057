package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.TlogProof;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's narrower checks against a small HTTP server in the test: one event's inclusion proof
 * ({@code --event}), a meeting's sealed checkpoint ({@code --meeting}) — catching a log rewritten after the minutes
 * were sealed, which passes without it — and the warning of a run without a saved checkpoint
 * ({@code --require-saved-checkpoint} turning it into a refusal).
 */
class MeetingAndEventTest {

    private static final String MEETING = "m-1";
    /** Events before the meeting's closing; the closing is at this position. */
    private static final int CLOSING = 400;
    /** The size of the checkpoint that seals the minutes (it holds the closing). */
    private static final int SEALED_SIZE = CLOSING + 10;

    @TempDir
    Path dir;

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * A log of synthetic events with a meeting closed at {@link #CLOSING} and its minutes sealed, a few events later,
     * by the checkpoint of size {@link #SEALED_SIZE}; {@code variant} 1 is the honest log, 2 has other events before
     * the closing (a rewritten past) and the same sealing event, signed by {@code keyOf}'s key.
     */
    private static SyntheticLog meetingLog(SyntheticLog keyOf, int variant, String sealedCheckpoint) {
        return meetingLog(keyOf, variant, sealedCheckpoint, null);
    }

    /** As above, the closing (revision 2) recording {@code closingCheckpoint} as current, when not null. */
    private static SyntheticLog meetingLog(SyntheticLog keyOf, int variant, String sealedCheckpoint,
                                           String closingCheckpoint) {
        SyntheticLog log = keyOf == null ? SyntheticLog.generate(0) : new SyntheticLog(keyOf.signer());
        log.appendSynthetic(CLOSING, variant);
        ObjectNode closed = meetingEvent(CLOSING, 0, MeetingSeal.CLOSED);
        ((ObjectNode) closed.get("payload")).put("closedAt", "2026-03-04T12:00:00Z");
        if (closingCheckpoint != null) {
            ((ObjectNode) closed.get("payload")).put("checkpoint", closingCheckpoint);
        }
        log.appendEvents(List.of(closed));
        List<ObjectNode> later = new ArrayList<>();
        for (int p = CLOSING + 1; p < SEALED_SIZE + 5; p++) {
            later.add(SyntheticLog.event(p, 1));
        }
        log.appendEvents(later);
        ObjectNode sealed = meetingEvent(SEALED_SIZE + 5, 1, MeetingSeal.SEALED);
        ObjectNode payload = (ObjectNode) sealed.get("payload");
        payload.put("closingPosition", CLOSING);
        payload.put("checkpointSize", SEALED_SIZE);
        payload.put("checkpoint", sealedCheckpoint != null ? sealedCheckpoint : log.checkpoint(SEALED_SIZE));
        log.appendEvents(List.of(sealed));
        log.appendSynthetic(20, 1);
        return log;
    }

    private static ObjectNode meetingEvent(long position, long sequence, String type) {
        ObjectNode event = SyntheticLog.event(position, 1);
        event.put("aggregateId", MEETING);
        event.put("aggregateType", "Meeting");
        event.put("sequenceNumber", sequence);
        event.put("payloadType", type);
        ObjectNode payload = SyntheticLog.MAPPER.createObjectNode();
        payload.put("meetingId", MEETING);
        payload.put("bodyId", "wg-1");
        event.set("payload", payload);
        return event;
    }

    /** Serves {@code log}'s audit endpoints, each event line passed through {@code tamper}. Returns the base URL. */
    private String serve(SyntheticLog log, UnaryOperator<String> tamper) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> lines = log.lines().stream().map(tamper).toList();
        server.createContext("/api/audit/events", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/proof")) {
                long position = Long.parseLong(path.replaceAll(".*/events/(\\d+)/proof", "$1"));
                text(exchange, new TlogProof(position, log.inclusionProof(position, log.size()),
                                             log.checkpoint(log.size())).format());
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            int from = query == null ? 0 : Integer.parseInt(query.replaceAll(".*from=(\\d+).*", "$1"));
            int to = query == null || !query.contains("limit=") ? lines.size()
                    : from + Integer.parseInt(query.replaceAll(".*limit=(\\d+).*", "$1"));
            text(exchange, String.join("\n", lines.subList(from, Math.min(to, lines.size()))) + "\n");
        });
        server.createContext("/api/audit/aggregates/", exchange -> {
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null && !accept.contains("application/x-ndjson") && !accept.contains("*/*")) {
                exchange.sendResponseHeaders(406, -1); // as the query side: these events are NDJSON only
                exchange.close();
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/api/audit/aggregates/" + MEETING + "/events")) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            text(exchange, String.join("\n", lines.stream().filter(l -> l.contains("\"" + MEETING + "\"")
                    && l.contains("\"Meeting\"")).toList()) + "\n");
        });
        server.createContext("/api/audit/checkpoint", exchange -> text(exchange, log.checkpoint(log.size())));
        server.createContext("/api/audit/vkey", exchange -> text(exchange, log.vkey() + "\n"));
        server.createContext("/api/audit/proof/consistency", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
            long to = Long.parseLong(query.replaceAll(".*to=(\\d+).*", "$1"));
            List<String> hashes = log.consistencyProof(from, to).stream()
                                     .map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"").toList();
            text(exchange, "{\"from\":" + from + ",\"to\":" + to + ",\"hashes\":[" + String.join(",", hashes) + "]}");
        });
        server.start();
        return "http://localhost:" + server.getAddress().getPort();
    }

    private static void text(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aRunWithoutASavedCheckpointVerifiesButWarnsAndStrictnessRefusesIt() throws IOException {
        SyntheticLog log = meetingLog(null, 1, null);
        String base = serve(log, UnaryOperator.identity());

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("VERIFIED " + log.size() + " events;");
        assertThat(run.err()).contains("WARNING: NO SAVED CHECKPOINT", "would pass",
                                       "curl -s " + base + "/api/audit/checkpoint > ", "--saved");

        Run strict = Run.of("--server", base, "--no-dossiers", "--quiet", "--require-saved-checkpoint");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(2);
        assertThat(strict.out()).isEmpty();
        assertThat(strict.err()).contains("WARNING: NO SAVED CHECKPOINT",
                                          "ERROR: --require-saved-checkpoint: no checkpoint saved earlier");

        Path saved = SyntheticLog.write(dir.resolve("saved.txt"), log.checkpoint(100));
        Run withSaved = Run.of("--server", base, "--no-dossiers", "--quiet", "--require-saved-checkpoint",
                               "--saved", saved.toString());
        assertThat(withSaved.code()).as(withSaved.toString()).isZero();
        assertThat(withSaved.err()).doesNotContain("WARNING");
    }

    @Test
    void oneEventsInclusionProofIsCheckedAndAChangedEventFailsIt() throws IOException {
        SyntheticLog log = meetingLog(null, 1, null);
        String base = serve(log, UnaryOperator.identity());
        Path saved = SyntheticLog.write(dir.resolve("saved.txt"), log.checkpoint(300));

        Run run = Run.of("--server", base, "--event", "123", "--saved", saved.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().strip()).startsWith("VERIFIED event 123 (")
                                     .contains("is in the log of size " + log.size() + " whose root "
                                                       + Base64.getEncoder().encodeToString(log.root(log.size()))
                                                       + " is signed by ledger.example/log")
                                     .endsWith("; 1 saved checkpoint (size 300) is consistent with it by the "
                                                       + "server's consistency proofs");
        assertThat(run.err()).doesNotContain("WARNING");

        // The event as served now says something else than the event whose leaf the log committed to.
        String changed = serve(log, line -> line.contains("\"globalPosition\":123,")
                ? line.replace("\"payload\":{", "\"payload\":{\"x\":1,").replaceAll(",\"leafHash\":\"[0-9a-f]+\"", "")
                : line);
        Run tampered = Run.of("--server", changed, "--event", "123");
        assertThat(tampered.code()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.out()).startsWith("FAILED at position 123: the event at position 123 is not in the log "
                                                      + "of size " + log.size());

        Run noServer = Run.of("--events", "x.ndjson", "--checkpoint", "c.txt", "--vkey", log.vkey(), "--event", "1");
        assertThat(noServer.code()).isEqualTo(2);
        assertThat(noServer.err()).contains("--event needs --server");
    }

    @Test
    void theMeetingsSealedCheckpointIsConsistentWithAnHonestLog() throws IOException {
        SyntheticLog log = meetingLog(null, 1, null);
        String base = serve(log, UnaryOperator.identity());

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet", "--meeting", MEETING);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().strip()).startsWith("VERIFIED " + log.size() + " events;")
                                     .contains("; the checkpoint that seals the minutes of meeting m-1 (size "
                                                       + SEALED_SIZE + ") is consistent with it");

        Run unknown = Run.of("--server", base, "--no-dossiers", "--quiet", "--meeting", "m-none");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("ERROR: the ledger has no meeting \"m-none\"");
    }

    @Test
    void aLogRewrittenBeforeTheSealedMinutesIsCaughtThroughTheMeetingsCheckpoint() throws IOException {
        SyntheticLog honest = meetingLog(null, 1, null);
        // The operator rewrites events before the closing, recomputes every leaf, signs a fresh checkpoint with the
        // log's key, and keeps the minutes' sealing event as it was (it is printed in the minutes people hold).
        SyntheticLog rewritten = meetingLog(honest, 2, honest.checkpoint(SEALED_SIZE));
        String base = serve(rewritten, UnaryOperator.identity());

        // Every checkpoint recorded in the minutes the export holds is checked: the rewrite is caught without
        // --meeting and without any checkpoint of one's own.
        Run alone = Run.of("--server", base, "--no-dossiers", "--quiet");
        String caught = "FAILED at position " + (SEALED_SIZE + 5) + ": the log no longer extends the checkpoint that "
                + "seals the minutes of meeting m-1 (MinutesSealed at position " + (SEALED_SIZE + 5) + "), of size "
                + SEALED_SIZE + " (the latest checkpoint is of size " + rewritten.size() + "): the export's first "
                + SEALED_SIZE + " events have the root " + Base64.getEncoder().encodeToString(
                rewritten.root(SEALED_SIZE)) + ", the recorded checkpoint " + Base64.getEncoder().encodeToString(
                honest.root(SEALED_SIZE)) + ", so events before " + SEALED_SIZE + " were changed, removed, inserted "
                + "or reordered since the meeting's minutes recorded it";
        assertThat(alone.out().strip()).isEqualTo(caught);
        assertThat(alone.err()).contains("WARNING: NO SAVED CHECKPOINT");

        // Offline too: the export holds every leaf, so the recorded root is compared with the export's own.
        Path events = SyntheticLog.write(dir.resolve("rewritten.ndjson"), rewritten.lines());
        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), rewritten.checkpoint(rewritten.size()));
        Run offline = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                             rewritten.vkey(), "--quiet");
        assertThat(offline.code()).as(offline.toString()).isEqualTo(1);
        assertThat(offline.out().strip()).isEqualTo(caught);

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet", "--meeting", MEETING);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the server's consistency proof from the checkpoint that seals the "
                                                 + "minutes of meeting m-1 (size " + SEALED_SIZE + ") to the latest "
                                                 + "checkpoint (size " + rewritten.size() + ") does not verify");
    }

    @Test
    void everyCheckpointRecordedInTheMinutesIsCheckedWithoutMeeting() throws IOException {
        SyntheticLog log = meetingLog(null, 1, null);
        String base = serve(log, UnaryOperator.identity());

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("; the checkpoint recorded in the minutes of 1 meeting is consistent with it");

        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), log.lines());
        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), log.checkpoint(log.size()));
        Run offline = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey", log.vkey(),
                             "--quiet");
        assertThat(offline.code()).as(offline.toString()).isZero();
        assertThat(offline.out()).contains("; the checkpoint recorded in the minutes of 1 meeting is consistent "
                                                   + "with it (the export's roots at their sizes)")
                                 .doesNotContain("could not be checked");

        // Minutes sealed with a checkpoint the log's key did not sign.
        NoteSigner impostor = new NoteSigner(KeyText.generate(SyntheticLog.LOG_NAME));
        SyntheticLog forged = meetingLog(null, 1, impostor.sign(
                new Checkpoint(SyntheticLog.LOG_NAME, SEALED_SIZE, MerkleHash.emptyRoot()).format()));
        Path forgedEvents = SyntheticLog.write(dir.resolve("forged.ndjson"), forged.lines());
        Path forgedLatest = SyntheticLog.write(dir.resolve("forged.txt"), forged.checkpoint(forged.size()));
        Run refused = Run.of("--events", forgedEvents.toString(), "--checkpoint", forgedLatest.toString(), "--vkey",
                             forged.vkey(), "--quiet");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out()).startsWith("FAILED at position " + (SEALED_SIZE + 5) + ": the checkpoint that "
                                                     + "seals the minutes of meeting m-1 (MinutesSealed at position "
                                                     + (SEALED_SIZE + 5) + ") (the export) is not signed by the "
                                                     + "log's key");
    }

    @Test
    void oneRewrittenEventBelowTheCheckpointAClosingRecordsIsCaughtOffline() {
        int recordedAtClosing = CLOSING - 50;
        SyntheticLog honest = SyntheticLog.generate(CLOSING);
        String closingCheckpoint = honest.checkpoint(recordedAtClosing);
        SyntheticLog log = meetingLog(honest, 1, null, closingCheckpoint);
        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), log.lines());
        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), log.checkpoint(log.size()));
        Run verified = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey", log.vkey(),
                              "--quiet");
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("; the 2 checkpoints recorded in the minutes of 1 meeting are consistent "
                                                    + "with it (the export's roots at their sizes)");

        // Event 5 rewritten, every leaf and the tree recomputed, a fresh checkpoint signed; the minutes as they were.
        List<ObjectNode> changed = log.lines().stream().map(SyntheticLog::parse)
                                       .peek(event -> event.remove("leafHash")).toList();
        changed.get(5).put("aggregateId", "rewritten");
        SyntheticLog rewritten = new SyntheticLog(log.signer());
        rewritten.appendEvents(changed);
        Path rewrittenEvents = SyntheticLog.write(dir.resolve("rewritten.ndjson"), rewritten.lines());
        Path rewrittenLatest = SyntheticLog.write(dir.resolve("rewritten.txt"),
                                                  rewritten.checkpoint(rewritten.size()));

        Run caught = Run.of("--events", rewrittenEvents.toString(), "--checkpoint", rewrittenLatest.toString(),
                            "--vkey", log.vkey(), "--quiet");
        assertThat(caught.code()).as(caught.toString()).isEqualTo(1);
        assertThat(caught.out()).startsWith("FAILED at position " + CLOSING + ": the log no longer extends the "
                                                    + "checkpoint recorded at the closing of meeting m-1 (MeetingClosed "
                                                    + "at position " + CLOSING + "), of size " + recordedAtClosing
                                                    + " (the latest checkpoint is of size " + rewritten.size() + ")");
    }
}
