package org.consensusledger.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.tlog.MerkleTree;
import org.consensusledger.tlog.TlogProof;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The transparency log for auditors (see {@code docs/audit.md}): the latest signed checkpoint and every earlier one,
 * the verifier key, RFC 9162 inclusion and consistency proofs for any tree size the log has had, and a C2SP
 * {@code tlog-proof} per event. Hashes are base64 (leaf hashes in hex, as in the export). No account is needed.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "The stored log, in order, for auditors")
@EnableConfigurationProperties(AuditProperties.class)
class ProofController {

    static final String TEXT = "text/plain;charset=UTF-8";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final MerkleLog tree;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;

    private final KeyRotation rotation;
    private final AuditProperties properties;

    ProofController(MerkleLog tree, Checkpoints checkpoints, CheckpointKey key, KeyRotation rotation,
                    AuditProperties properties) {
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.key = key;
        this.rotation = rotation;
        this.properties = properties;
    }

    /** The log's keys, the first first (docs/audit.md, Key rotation). */
    record LogKeys(String origin, List<KeyRotation.LogKey> keys) {
    }

    record CheckpointView(long size, String rootHash, Instant signedAt, String checkpoint) {
    }

    record CheckpointPage(List<CheckpointView> items, int page, int size, long total) {
    }

    record InclusionProof(long index, long size, String leafHash, String rootHash, List<String> hashes) {
    }

    record ConsistencyProof(long from, long to, String fromRoot, String toRoot, List<String> hashes) {
    }

    @GetMapping(value = "/checkpoint", produces = {TEXT, AuditController.PROBLEM})
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)",
               description = "Save it: a later log must be consistent with it (`/proof/consistency`).")
    ResponseEntity<String> checkpoint() {
        return text(latest().note(), CacheControl.noCache());
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Every checkpoint signed so far, newest first")
    CheckpointPage checkpoints(@Parameter(description = "the page, from 0 (at most 10,000)")
                               @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<CheckpointView> items = checkpoints.history(page, size).stream().map(ProofController::view).toList();
        return new CheckpointPage(items, page, size, checkpoints.count());
    }

    @GetMapping(value = "/vkey", produces = TEXT)
    @Operation(summary = "The key that verifies the checkpoints' signatures (C2SP signed-note verifier key)")
    ResponseEntity<String> vkey() {
        return text(key.vkey() + "\n", CacheControl.noCache());
    }

    @GetMapping("/keys")
    @Operation(summary = "Every key that has signed the log's checkpoints, the first first",
               description = "Each key after the first with the checkpoint that announced it (`announcement`: signed "
                       + "by the key before it and by itself, its last extension line `key <vkey>`), so that a reader "
                       + "who trusts the first key can follow the chain; `current` marks the key that signs now.")
    LogKeys keys() {
        return new LogKeys(properties.effectiveOrigin(), rotation.keys());
    }

    @GetMapping("/proof/inclusion")
    @Operation(summary = "RFC 9162 inclusion proof of the event at `index` in the tree of `size` leaves",
               description = "`size` defaults to the latest checkpoint's; any size the tree has had can be asked.")
    InclusionProof inclusion(@Parameter(description = "the event's global position")
                             @RequestParam @Min(0) long index,
                             @Parameter(description = "tree size (default: the latest checkpoint's)")
                             @RequestParam(required = false) @Min(1) Long size) {
        MerkleTree now = tree.tree();
        long treeSize = size != null ? size : latestSize();
        withinTree(treeSize, now, "size");
        if (index >= treeSize) {
            throw new ProblemHandler.BadRequest("index-beyond-size", "index " + index
                    + " must be below size " + treeSize);
        }
        List<byte[]> proof = now.inclusionProof(index, treeSize);
        byte[] leaf = tree.leafHashes(List.of(index)).get(0);
        return new InclusionProof(index, treeSize, HexFormat.of().formatHex(leaf), base64(now.root(treeSize)),
                                  proof.stream().map(ProofController::base64).toList());
    }

    @GetMapping("/proof/consistency")
    @Operation(summary = "RFC 9162 consistency proof that the tree of `to` leaves extends the tree of `from` leaves",
               description = "`to` defaults to the latest checkpoint's size.")
    ConsistencyProof consistency(@Parameter(description = "the earlier tree size, e.g. a saved checkpoint's")
                                 @RequestParam @Min(0) long from,
                                 @Parameter(description = "the later tree size (default: the latest checkpoint's)")
                                 @RequestParam(required = false) @Min(0) Long to) {
        MerkleTree now = tree.tree();
        long toSize = to != null ? to : latestSize();
        withinTree(toSize, now, "to");
        if (from > toSize) {
            throw new ProblemHandler.BadRequest("from-beyond-to", "from " + from + " must not be above to " + toSize);
        }
        List<byte[]> proof = now.consistencyProof(from, toSize);
        return new ConsistencyProof(from, toSize, base64(now.root(from)), base64(now.root(toSize)),
                                    proof.stream().map(ProofController::base64).toList());
    }

    @GetMapping(value = "/events/{position}/proof", produces = {TEXT, AuditController.PROBLEM})
    @Operation(summary = "The event's inclusion proof in the latest checkpoint, as a C2SP tlog-proof",
               description = "Self-contained: the event's index, the proof hashes and the signed checkpoint.")
    ResponseEntity<String> eventProof(@PathVariable @Min(0) long position) {
        Checkpoints.Signed latest = latest();
        if (position >= latest.size()) {
            throw new ProblemHandler.NotFound("checkpoint", "covering event " + position + " yet (the latest has "
                    + latest.size() + " events; a new one is signed within seconds)");
        }
        List<byte[]> proof = tree.tree().inclusionProof(position, latest.size());
        return text(new TlogProof(position, proof, latest.note()).format(), CacheControl.noCache());
    }

    private long latestSize() {
        return latest().size();
    }

    private Checkpoints.Signed latest() {
        return checkpoints.latest().orElseThrow(
                () -> new ProblemHandler.NotFound("checkpoint", "yet: the first is signed shortly after start"));
    }

    private static void withinTree(long size, MerkleTree now, String parameter) {
        if (size > now.size()) {
            throw new ProblemHandler.BadRequest("size-beyond-tree", parameter + " " + size
                    + " is beyond the log's tree, which has " + now.size() + " leaves");
        }
    }

    private static CheckpointView view(Checkpoints.Signed signed) {
        return new CheckpointView(signed.size(), base64(signed.rootHash()), signed.signedAt(), signed.note());
    }

    private static String base64(byte[] bytes) {
        return BASE64.encodeToString(bytes);
    }

    private static ResponseEntity<String> text(String body, CacheControl cache) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT)).cacheControl(cache).body(body);
    }
}
