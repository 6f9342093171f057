package org.consensusledger.query.witness;

import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.tlog.AddCheckpoint;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This ledger as a C2SP tlog-witness: checks a log's {@code add-checkpoint} request in the spec's order and cosigns
 * the checkpoint if it extends the last one cosigned for that log. Every refusal is one of the spec's statuses: 400
 * malformed, 404 unknown origin, 403 no valid signature of the log, 409 another old size (with the witness's size, as
 * the spec says), 422 a proof that does not verify; the spec fixes no body but the 409's, so the others are the
 * ledger's problem documents (RFC 9457) with a short detail. A checkpoint validly signed by the log, of the size
 * cosigned, with another root (a split view, or a rewritten log) is also logged as an error and kept as evidence; a
 * consistency proof that does not verify is only refused (anyone can send a bad proof with a genuine checkpoint, and
 * the witness cannot tell that from a fork).
 */
@Component
@EnableConfigurationProperties({WitnessProperties.class, CosigningProperties.class})
class Witness {

    private static final Logger LOGGER = LoggerFactory.getLogger(Witness.class);

    /**
     * An answer: status, content type, body (for a 200 or a 409, the spec's text); {@code problem} names the refusal
     * ({@code urn:consensus-ledger:problem:witness-<problem>}) of any other status, whose body is the detail.
     */
    record Answer(int status, String contentType, String body, String problem) {

        static Answer refuse(int status, String problem, String detail) {
            return new Answer(status, null, detail, problem);
        }
    }

    /** The logs witnessed by origin, each with its keys (two while a log's key is being rotated). */
    private final Map<String, List<NoteVerifier>> logs = new LinkedHashMap<>();
    private final WitnessKey key;
    private final WitnessedLogs state;
    private final Clock clock;

    Witness(WitnessProperties properties, WitnessKey key, WitnessedLogs state, ReplayProperties replay) {
        this.key = key;
        this.state = state;
        this.clock = Clock.systemUTC();
        for (int i = 0; i < properties.logs().size(); i++) {
            String vkey = properties.logs().get(i).vkey();
            try {
                NoteVerifier verifier = new NoteVerifier(vkey == null ? null : vkey.strip());
                logs.computeIfAbsent(verifier.name(), origin -> new java.util.ArrayList<>()).add(verifier);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ledger.witness.logs[" + i + "].vkey is not a log's verifier key "
                        + "(<origin>+<key id>+<base64 key>): " + e.getMessage(), e);
            }
        }
        if (!logs.isEmpty() && !replay.replayOnly()) {
            LOGGER.info("Witnessing the logs {} with the cosigner key {}", logs.keySet(), key.vkey());
        }
    }

    /** Whether this ledger witnesses any log. */
    boolean witnessesLogs() {
        return !logs.isEmpty();
    }

    /** The origins of the logs witnessed. */
    List<String> origins() {
        return List.copyOf(logs.keySet());
    }

    /** The cosigner's verifier key. */
    String vkey() {
        return key.vkey();
    }

    /**
     * The latest checkpoint cosigned for the log whose origin hashes (SHA-256, lowercase hex) to {@code originHash}:
     * the checkpoint with the log's signatures this witness verified (no other line the log sent), and this witness's
     * cosignature after them (tlog-witness, monitoring).
     */
    Answer latestCosigned(String originHash) {
        for (String origin : logs.keySet()) {
            if (originHash(origin).equals(originHash)) {
                Optional<String> cosigned = state.cosigned(origin);
                if (cosigned.isPresent()) {
                    return new Answer(200, "text/plain;charset=UTF-8", cosigned.get(), null);
                }
                return Answer.refuse(404, "nothing-cosigned", "this witness has not cosigned a checkpoint of "
                        + origin + " yet");
            }
        }
        return Answer.refuse(404, "unknown-log", "this witness does not witness a log whose origin hashes to "
                + (originHash.length() > 64 ? originHash.substring(0, 64) + "…" : originHash));
    }

    /** SHA-256 of an origin, lowercase hex: how the monitoring path names a log. */
    static String originHash(String origin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(origin.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    Answer addCheckpoint(byte[] body) {
        AddCheckpoint request;
        Checkpoint checkpoint;
        SignedNote note;
        try {
            request = AddCheckpoint.parse(body);
            note = request.note();
            checkpoint = Checkpoint.parse(note.text());
        } catch (IllegalArgumentException e) {
            return Answer.refuse(400, "malformed", "malformed add-checkpoint request: " + e.getMessage());
        }
        List<NoteVerifier> log = logs.get(checkpoint.origin());
        if (log == null) {
            return Answer.refuse(404, "unknown-log", "this witness does not witness the log \"" + checkpoint.origin() + "\"");
        }
        try {
            NoteVerifier.verify(note, log);
        } catch (VerificationException e) {
            return Answer.refuse(403, "not-signed-by-the-log", "the checkpoint is not signed by the key of " + checkpoint.origin() + ": "
                    + e.getMessage());
        }
        // The checkpoint with only the log's signatures, verified above: what is recorded and compared (lines of
        // other keys, which this witness cannot check, are dropped).
        String verified = new SignedNote(note.text(), note.signatures().stream()
                .filter(line -> log.stream().anyMatch(key -> line.keyName().equals(key.name())
                                                            && line.keyId() == key.keyId())).toList()).format();
        Optional<WitnessedLogs.State> before = state.state(checkpoint.origin());
        AddCheckpoint.Verdict verdict = request.check(checkpoint, before.map(WitnessedLogs.State::size).orElse(0L),
                                                      before.map(WitnessedLogs.State::rootHash)
                                                            .orElse(MerkleHash.emptyRoot()));
        Instant now = clock.instant();
        if (verdict.inconsistent()) {
            // Only a checkpoint signed by the log, of the size cosigned, with another root: a proof cannot explain it.
            String cosigned = before.map(WitnessedLogs.State::checkpoint).orElse("");
            if (state.recordInconsistency(checkpoint.origin(), verdict.reason(), verified, cosigned, now)) {
                LOGGER.error("SPLIT VIEW: the log {} signed a checkpoint of the size this witness cosigned with "
                                     + "another root: {}\nPresented:\n{}Cosigned before:\n{}",
                             checkpoint.origin(), verdict.reason(), verified, cosigned);
            } else {
                LOGGER.warn("The log {} presented again the split-view checkpoint refused before: {}",
                            checkpoint.origin(), verdict.reason());
            }
        } else if (verdict.status() == 422) {
            LOGGER.warn("Refused a checkpoint of {} (422): {}", checkpoint.origin(), verdict.reason());
        }
        if (verdict.status() == 409) {
            return new Answer(409, AddCheckpoint.SIZE_CONTENT_TYPE, AddCheckpoint.formatSize(verdict.size()), null);
        }
        if (!verdict.cosign()) {
            return Answer.refuse(verdict.status(), verdict.status() == 422 ? "inconsistent-checkpoint"
                    : "malformed", verdict.reason());
        }
        SignedNote.Signature cosignature = key.signer().sign(note.text(), now.getEpochSecond());
        if (!state.advance(checkpoint.origin(), before, checkpoint.size(), checkpoint.rootHash(),
                           verified, cosignature.line().strip(), now)) {
            long size = state.state(checkpoint.origin()).map(WitnessedLogs.State::size).orElse(0L);
            return new Answer(409, AddCheckpoint.SIZE_CONTENT_TYPE, AddCheckpoint.formatSize(size), null);
        }
        return new Answer(200, "text/plain;charset=UTF-8", AddCheckpoint.formatCosignatures(List.of(cosignature)),
                          null);
    }
}
