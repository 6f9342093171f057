package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.web.QueryApiTest;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.MerkleProofs;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.TlogProof;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * The log as a transparency log, over HTTP: the tree follows the log, checkpoints sign its root with the published
 * key, every proof the query side serves verifies against them with the reference verifier (and its root equals
 * one computed here from the export, the RFC 6962 way), and the export carries each event's leaf hash.
 */
class TransparencyLogTest extends QueryApiTest {

    @Autowired
    private LedgerEventStorageEngine log;

    @Value("${ledger.audit.key-file}")
    private Path keyFile;

    @BeforeEach
    void someEvents() {
        String aggregate = UUID.randomUUID().toString();
        for (int i = 0; i < 7; i++) {
            log.appendEvents(event(aggregate, i));
        }
    }

    @Test
    void theLatestCheckpointSignsTheRootOfTheWholeLogWithThePublishedKey() throws Exception {
        long head = log.nextGlobalPosition();
        SignedNote note = awaitCheckpointOfAtLeast(head);
        Checkpoint checkpoint = Checkpoint.parse(note.text());

        assertThat(checkpoint.origin()).isEqualTo("localhost:8082");
        assertThat(checkpoint.rootHash()).isEqualTo(referenceRoot(exportedLeaves(checkpoint.size())));
        assertThat(get("/api/audit/vkey").body()).startsWith("localhost:8082+");
        assertThat(get("/api/audit/checkpoint").headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void everyEventHasAnInclusionProofAndEveryCheckpointIsConsistentWithTheLatest() throws Exception {
        SignedNote first = awaitCheckpointOfAtLeast(log.nextGlobalPosition());
        String aggregate = UUID.randomUUID().toString();
        log.appendEvents(event(aggregate, 0), event(aggregate, 1), event(aggregate, 2));
        Checkpoint earlier = Checkpoint.parse(first.text());
        Checkpoint later = Checkpoint.parse(awaitCheckpointOfAtLeast(log.nextGlobalPosition()).text());
        List<byte[]> leaves = exportedLeaves(later.size());

        for (long index = 0; index < later.size(); index++) {
            JsonNode proof = json(get("/api/audit/proof/inclusion?index=" + index + "&size=" + later.size()));
            assertThat(proof.path("leafHash").asText()).isEqualTo(HexFormat.of().formatHex(leaves.get((int) index)));
            MerkleProofs.verifyInclusion(index, later.size(), leaves.get((int) index), hashes(proof),
                                         later.rootHash());
        }
        JsonNode consistency = json(get("/api/audit/proof/consistency?from=" + earlier.size() + "&to="
                                                + later.size()));
        MerkleProofs.verifyConsistency(earlier.size(), later.size(), hashes(consistency), earlier.rootHash(),
                                       later.rootHash());
        assertThat(Base64.getDecoder().decode(consistency.path("fromRoot").asText())).isEqualTo(earlier.rootHash());

        // Every checkpoint is kept, newest first, and each one's signature verifies.
        JsonNode history = json(get("/api/audit/checkpoints?size=100"));
        List<Long> sizes = new ArrayList<>();
        for (JsonNode kept : history.path("items")) {
            sizes.add(kept.path("size").asLong());
            verifier().verify(kept.path("checkpoint").asText());
        }
        assertThat(sizes).contains(earlier.size(), later.size()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // A consistency proof that does not hold is refused by the verifier: the roots are swapped.
        assertThatThrownBy(() -> MerkleProofs.verifyConsistency(earlier.size(), later.size(), hashes(consistency),
                                                                later.rootHash(), earlier.rootHash()))
                .isInstanceOf(org.consensusledger.tlog.VerificationException.class);
    }

    @Test
    void eachEventHasASelfContainedTlogProofAndTheExportCarriesItsLeafHash() throws Exception {
        long position = log.nextGlobalPosition() - 1;
        awaitCheckpointOfAtLeast(position + 1);

        TlogProof proof = TlogProof.parse(get("/api/audit/events/" + position + "/proof").body());
        JsonNode line = json(get("/api/audit/events?from=" + position + "&limit=1").body().strip());
        byte[] leaf = Leaves.leafHash(line);

        assertThat(proof.index()).isEqualTo(position);
        assertThat(proof.verify(leaf, verifier()).size()).isGreaterThan(position);
        assertThat(line.path("leafHash").asText()).isEqualTo(HexFormat.of().formatHex(leaf));
        assertThatThrownBy(() -> proof.verify(MerkleHash.leafHash(new byte[] {1}), verifier()))
                .isInstanceOf(org.consensusledger.tlog.VerificationException.class);
    }

    @Test
    void theSigningKeyIsKeptOwnerOnlyAndItsPublicHalfIsTheVkey() throws Exception {
        awaitCheckpointOfAtLeast(1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        String skey = Files.readString(keyFile).strip();
        assertThat(skey).startsWith("PRIVATE+KEY+localhost:8082+");
        assertThat(get("/api/audit/vkey").body().strip())
                .isEqualTo(org.consensusledger.tlog.KeyText.parseSignerKey(skey).verifierKey().format());
    }

    @Test
    void badProofRequestsAreProblemsNamingTheRule() throws Exception {
        long size = Checkpoint.parse(awaitCheckpointOfAtLeast(1).text()).size();
        long beyond = log.nextGlobalPosition() + 1_000;
        String[][] cases = {
                {"/api/audit/proof/inclusion?index=-1", "400", "index"},
                {"/api/audit/proof/inclusion?index=0&size=0", "400", "size"},
                {"/api/audit/proof/inclusion?index=x", "400", "index"},
                {"/api/audit/proof/inclusion?index=" + size + "&size=" + size, "400", "below size"},
                {"/api/audit/proof/inclusion?index=0&size=" + beyond, "400", "beyond the log's tree"},
                {"/api/audit/proof/consistency?from=5&to=3", "400", "must not be above"},
                {"/api/audit/proof/consistency?from=-1", "400", "from"},
                {"/api/audit/proof/consistency?from=1&to=" + beyond, "400", "beyond the log's tree"},
                {"/api/audit/checkpoints?page=-1", "400", "page"},
                {"/api/audit/events/" + beyond + "/proof", "404", "covering event"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> response = get(bad[0]);
            assertThat(response.statusCode()).as(bad[0] + ": " + response.body())
                                             .isEqualTo(Integer.parseInt(bad[1]));
            assertThat(response.headers().firstValue("Content-Type")).as(bad[0])
                                                                     .contains("application/problem+json");
            assertThat(json(response).path("detail").asText()).as(bad[0]).contains(bad[2]);
        }
    }

    @Test
    void theOpenApiDescriptionListsTheTransparencyLogEndpoints() {
        JsonNode paths = json(get("/v3/api-docs")).path("paths");

        for (String path : List.of("/api/audit/checkpoint", "/api/audit/checkpoints", "/api/audit/vkey",
                                   "/api/audit/proof/inclusion", "/api/audit/proof/consistency",
                                   "/api/audit/events/{position}/proof", "/api/witness/add-checkpoint",
                                   "/api/witness/vkey", "/api/witness/{originHash}/checkpoint")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    private SignedNote awaitCheckpointOfAtLeast(long size) throws Exception {
        String text = await().atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> response = get("/api/audit/checkpoint");
            return response.statusCode() == 200 ? response.body() : null;
        }, body -> body != null && Checkpoint.parse(SignedNote.parse(body).text()).size() >= size);
        return verifier().verify(text);
    }

    private NoteVerifier verifier() {
        return new NoteVerifier(get("/api/audit/vkey").body().strip());
    }

    /** The leaf hashes of the first {@code size} events, recomputed here from the export. */
    private List<byte[]> exportedLeaves(long size) {
        List<byte[]> leaves = new ArrayList<>();
        for (String line : get("/api/audit/events?limit=" + size).body().split("\n")) {
            if (!line.isBlank()) {
                leaves.add(Leaves.leafHash(json(line)));
            }
        }
        assertThat(leaves).hasSize((int) size);
        return leaves;
    }

    /** RFC 6962's MTH, straight from its definition. */
    private static byte[] referenceRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int split = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHash.nodeHash(referenceRoot(leaves.subList(0, split)),
                                   referenceRoot(leaves.subList(split, leaves.size())));
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asText())));
        return hashes;
    }
}
