package org.consensusledger.query.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.Min;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.audit.CheckpointKey;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.KeyRotation;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.audit.ReceiptCheck;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.witness.WitnessingShown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The auditor's door: "Verify this record" ({@code /verify}: what the signed log promises and what it does not, the
 * verifier jar served by the ledger itself with its SHA-256, the verifier key and its fingerprint, the commands to
 * run), the jar itself, a page per inclusion proof ({@code /audit/proofs/{position}}: which event, its leaf hash,
 * the checkpoint, the path of hashes and what an auditor recomputes, the raw forms a click away) and the
 * accessibility statement ({@code /accessibility}). Texts are in {@code messages.properties}.
 */
@Controller
@Hidden
class AuditorPages {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditorPages.class);

    /** Where each kind of record the log holds is shown on the site (aggregate type to the address of its page). */
    private static final Map<String, String> RECORD_PAGES = Map.of(
            "Proposal", "/proposals/{id}/timeline", "Meeting", "/meetings/{id}", "Body", "/bodies/{id}",
            "Organisation", "/organisations/{id}");

    private final VerifierJar jar;
    private final CheckpointKey key;
    private final Checkpoints checkpoints;
    private final MerkleLog tree;
    private final LedgerEventStorageEngine log;
    private final KeyRotation keys;
    private final ReceiptCheck receipts;
    private final WitnessingShown witnessing;
    private final String base;

    AuditorPages(VerifierJar jar, CheckpointKey key, Checkpoints checkpoints, MerkleLog tree,
                 LedgerEventStorageEngine log, AuditProperties audit, KeyRotation keys, ReceiptCheck receipts,
                 WitnessingShown witnessing) {
        this.base = audit.baseUrl();
        this.keys = keys;
        this.receipts = receipts;
        this.witnessing = witnessing;
        this.jar = jar;
        this.key = key;
        this.checkpoints = checkpoints;
        this.tree = tree;
        this.log = log;
    }

    /** The verifier key, as {@code /api/audit/vkey} serves it, with its name, key id and fingerprint. */
    record KeyView(String vkey, String name, String keyId, String fingerprint) {
    }

    /**
     * The commands the page shows, with this ledger's address and keys in them (POSIX shell syntax, each key quoted so
     * that whatever it holds stays one word). The command requiring the witnesses is left out (null) when a witness's
     * key holds anything but printable ASCII: its name is chosen by the witness's operator, and a format character
     * could make the command shown differ from the command copied. The receipt command is left out (null) without a
     * receipt key.
     */
    record Commands(String download, String verify, String save, String verifySaved, String event, String meeting,
                    String witnesses, String receipt) {

        static Commands of(String base, String vkey, String savedFile, List<String> witnessKeys, String receiptKey) {
            String jar = VerifierJar.FILE_NAME;
            String run = "java -jar " + jar + " --server " + base;
            String withKey = run + " --vkey " + quoted(vkey);
            boolean witnessesShowable = witnessKeys.stream().allMatch(Commands::printableAscii);
            String withWitnesses = witnessKeys.isEmpty() || !witnessesShowable ? null : withKey
                    + witnessKeys.stream().distinct().map(witness -> " \\\n    --witness " + quoted(witness))
                                 .collect(Collectors.joining())
                    + (witnessKeys.size() > 1 ? " \\\n    --witnesses-required " + witnessKeys.size() : "");
            return new Commands("curl -sO " + base + "/verify/" + jar + "\nsha256sum " + jar, withKey,
                                "curl -s " + base + "/api/audit/checkpoint > " + savedFile,
                                withKey + " --saved " + savedFile + " --require-saved-checkpoint",
                                run + " --event <position>", run + " --meeting <meeting id>", withWitnesses,
                                receiptKey == null ? null : withKey + " \\\n    --receipt receipt.txt --receipt-vkey "
                                        + quoted(receiptKey));
        }

        /** {@code text} as one shell word: in single quotes, each single quote in it closed, escaped and reopened. */
        static String quoted(String text) {
            return "'" + text.replace("'", "'\\''") + "'";
        }

        private static boolean printableAscii(String text) {
            return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
        }
    }

    /** The latest checkpoint as the pages show it. */
    record CheckpointView(long size, String root, Instant signedAt, String note) {
    }

    /** "Verify this record". */
    @GetMapping(value = "/verify", produces = MediaType.TEXT_HTML_VALUE)
    String verify(Model model) {
        KeyView keyView = keyView();
        CheckpointView latest = checkpoints.latest().map(AuditorPages::view).orElse(null);
        List<WitnessingShown.Cosigner> cosigners = witnessing.cosigners(latest == null ? null : latest.note());
        String receiptKey = receipts.vkey();
        model.addAttribute("jar", jar.digest().orElse(null));
        model.addAttribute("jarName", VerifierJar.FILE_NAME);
        model.addAttribute("key", keyView);
        model.addAttribute("keys", logKeys());
        model.addAttribute("checkpoint", latest);
        model.addAttribute("cosigners", cosigners);
        model.addAttribute("witnessed", witnessing.witnessed());
        model.addAttribute("witnessKey", witnessing.cosignerKey());
        model.addAttribute("receiptKey", receiptKey);
        model.addAttribute("commands", Commands.of(base(), keyView.vkey(), latest == null ? "checkpoint.txt"
                : "checkpoint-" + latest.size() + ".txt", cosigners.stream().map(WitnessingShown.Cosigner::vkey)
                                                                  .toList(), receiptKey));
        return "site/verify";
    }

    /** The log's keys, first first; none shown (the page still is) if their record cannot be read just now. */
    private List<KeyRotation.LogKey> logKeys() {
        try {
            return keys.keys();
        } catch (RuntimeException e) {
            LOGGER.warn("The log's keys cannot be read for the verify page: {}", e.toString());
            return List.of();
        }
    }

    /** The verifier jar this query side was built with. */
    @GetMapping("/verify/" + VerifierJar.FILE_NAME)
    ResponseEntity<Resource> verifierJar() {
        VerifierJar.Digest digest = jar.digest().orElseThrow(() -> new ProblemHandler.NotFound(
                "verifier jar", "in this build of the ledger (it is added when the query side is packaged)"));
        return ResponseEntity.ok()
                             .contentType(MediaType.parseMediaType("application/java-archive"))
                             .contentLength(digest.size())
                             .header(HttpHeaders.CONTENT_DISPOSITION,
                                     ContentDisposition.attachment().filename(VerifierJar.FILE_NAME).build()
                                                       .toString())
                             .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(
                                     HexFormat.of().parseHex(digest.sha256())) + ":")
                             .cacheControl(CacheControl.noCache())
                             .eTag("\"" + digest.sha256() + "\"")
                             .body(jar.resource());
    }

    /**
     * One event's inclusion proof, explained: against the latest checkpoint, or against the signed checkpoint of
     * {@code size} (e.g. the one that seals a meeting's minutes).
     */
    @GetMapping(value = "/audit/proofs/{position}", produces = MediaType.TEXT_HTML_VALUE)
    String proof(@PathVariable @Min(0) long position, @RequestParam(required = false) @Min(1) Long size,
                 Model model) {
        Checkpoints.Signed checkpoint = size == null
                ? checkpoints.latest().orElseThrow(() -> new ProblemHandler.NotFound(
                        "checkpoint", "yet: the first is signed shortly after start"))
                : checkpoints.ofSize(size).orElseThrow(() -> new ProblemHandler.NotFound(
                        "signed checkpoint", "of size " + size));
        if (position >= checkpoint.size()) {
            throw new ProblemHandler.NotFound("checkpoint", "covering event " + position + " yet (the latest has "
                    + checkpoint.size() + " events; a new one is signed within seconds)");
        }
        JsonNode event;
        try (Stream<JsonNode> events = log.storedEvents(position)) {
            event = events.findFirst()
                          .filter(found -> found.path(EventLogSchema.POSITION).asLong(-1) == position)
                          .orElseThrow(() -> new ProblemHandler.NotFound("event", "at position " + position));
        }
        byte[] leaf = tree.leafHashes(List.of(position)).get(0);
        List<byte[]> proof = tree.tree().inclusionProof(position, checkpoint.size());
        InclusionPath path = InclusionPath.of(position, checkpoint.size(), leaf, proof, checkpoint.rootHash());

        String type = event.path(EventLogSchema.PAYLOAD_TYPE).asText();
        String aggregateType = event.path(EventLogSchema.AGGREGATE_TYPE).asText(null);
        String aggregateId = event.path(EventLogSchema.AGGREGATE_ID).asText(null);
        String page = aggregateType == null || aggregateId == null ? null : RECORD_PAGES.get(aggregateType);
        model.addAttribute("position", position);
        model.addAttribute("step", type.substring(type.lastIndexOf('.') + 1));
        model.addAttribute("recordPage", page);
        model.addAttribute("recordId", aggregateId);
        model.addAttribute("recordedAt", instant(event.path(EventLogSchema.TIMESTAMP).asText(null)));
        model.addAttribute("leafHash", HexFormat.of().formatHex(leaf));
        model.addAttribute("checkpoint", view(checkpoint));
        model.addAttribute("latest", size == null);
        model.addAttribute("path", path);
        model.addAttribute("command", "java -jar " + VerifierJar.FILE_NAME + " --server " + base() + " --event "
                + position);
        return "site/proof";
    }

    /** The accessibility statement. */
    @GetMapping(value = "/accessibility", produces = MediaType.TEXT_HTML_VALUE)
    String accessibility() {
        return "site/accessibility";
    }

    private KeyView keyView() {
        String vkey = key.vkey();
        String[] parts = vkey.split("\\+", 3);
        return new KeyView(vkey, parts[0], parts.length > 1 ? parts[1] : "", sha256(vkey + "\n"));
    }

    /**
     * Where the public reaches this ledger ({@code ledger.audit.public-base-url}, as in the feeds), for the commands
     * the pages show: not the request's {@code Host}, which any client may set.
     */
    private String base() {
        return base;
    }

    private static CheckpointView view(Checkpoints.Signed signed) {
        return new CheckpointView(signed.size(), Base64.getEncoder().encodeToString(signed.rootHash()),
                                  signed.signedAt(), signed.note());
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
