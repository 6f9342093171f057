package org.consensusledger.tlog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tlog-witness add-checkpoint request, its answers, and a witness's checks, against the spec's example. */
class AddCheckpointTest {

    /** The request body of the spec's example (c2sp.org/tlog-witness, add-checkpoint). */
    private static final String SPEC_REQUEST = """
            old 20852014
            PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=
            jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=
            5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=
            /6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=

            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            \u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
            \u2014 example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=
            """;
    /** The spec's example of a 200 answer. */
    private static final String SPEC_RESPONSE = """
            \u2014 witness.example/w1 CMp+6LWBU0anHGH5aNDTJkH/gj79sG+T6+iP2ThYN5krrDJbR1HDnucjL39QsZTSvVjyQLrdk3DXDqI5G2HgLatVs0pWh6Up69HVOw==
            \u2014 witness.example/w1 I7rEps0pvK2UqkS2gSpVUDhrhVtQV9lgF6pRrWAvjJHjyWpW7VcE3SiOlVlbQNt64vWhO+DlkL0+UfzuOBMh9ChdMkP1vi/lCAsmlw==
            \u2014 witness.example/w2 AWui8Sk55XjYLOijihBjhqEH6nS1ndDymE0a+6idX7pLcnoB+dhnz0854aLZgrrKbYKA7nC3HNJhm/kWl7oJlqU3rXXvpysAdyP3wQ==
            """;

    /** docs/audit.md's example, "Witnesses" and "Cosignatures": a request from size 8 to 13 and the answer. */
    private static final String DOC_REQUEST = """
            old 8
            zHN22R/ntnIJswWRWyGrSg8AcLQFgsdOxALoB0kSpR0=

            ledger.example/log
            13
            317hMOWiR2ANGQwxB0RY3jwNxY8LDYpqKz3U/X5WlQE=

            \u2014 ledger.example/log fMg6nU/uRkXBeIhq1Mz20oxRsHmXur82YrwmyOKfeNHmykD9cxa1Js8uKVaOjk3bz8VbiLePqjlNtmD6hRX3jWmT+wo=
            """;
    private static final String DOC_ANSWER = "\u2014 other.example/witness wiN+ygAAAABpVbkAppalayl8yLeGB0+YzabsMoyDbJidcvw"
            + "V635Li+paRwPvqgwl367ZF3Bk5JrsLiBlX/SpeqJt7S7oN4Uj1didBg==\n";

    private MerkleTree tree;

    @BeforeEach
    void eightLeaves() {
        InMemoryNodes nodes = new InMemoryNodes();
        nodes.append(TestLeaves.leafHashes());
        tree = nodes.tree();
    }

    @Test
    void parsesAndFormatsTheSpecsExample() {
        AddCheckpoint request = AddCheckpoint.parse(SPEC_REQUEST.getBytes(StandardCharsets.UTF_8));
        assertThat(request.oldSize()).isEqualTo(20852014L);
        assertThat(request.proof()).hasSize(4);
        assertThat(Checkpoint.parse(request.note().text()).size()).isEqualTo(20852163L);
        assertThat(request.note().signatures()).hasSize(2);
        assertThat(request.format()).isEqualTo(SPEC_REQUEST);

        List<SignedNote.Signature> cosignatures = AddCheckpoint.parseCosignatures(SPEC_RESPONSE);
        assertThat(cosignatures).extracting(SignedNote.Signature::keyName)
                                .containsExactly("witness.example/w1", "witness.example/w1", "witness.example/w2");
        assertThat(AddCheckpoint.formatCosignatures(cosignatures)).isEqualTo(SPEC_RESPONSE);

        assertThat(AddCheckpoint.formatSize(20852014L)).isEqualTo("20852014\n");
        assertThat(AddCheckpoint.parseSize("20852014\n")).isEqualTo(20852014L);
        assertThatThrownBy(() -> AddCheckpoint.parseSize("20852014")).hasMessageContaining("newline");
    }

    @Test
    void refusesMalformedRequests() {
        String note = SPEC_REQUEST.substring(SPEC_REQUEST.indexOf("\n\n") + 2);
        String hash = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n";
        assertThatThrownBy(() -> AddCheckpoint.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AddCheckpoint.parse("new 1\n\n" + note)).hasMessageContaining("old size line");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 01\n\n" + note)).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> AddCheckpoint.parse("old -1\n\n" + note)).hasMessageContaining("old size");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\n" + hash)).hasMessageContaining("empty line");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\nnot base64!\n\n" + note)).hasMessageContaining("base64");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\nAAAA\n\n" + note)).hasMessageContaining("not 32");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\n" + hash.repeat(64) + "\n" + note))
                .hasMessageContaining("more than 63");
        assertThat(AddCheckpoint.parse("old 1\n" + hash.repeat(63) + "\n" + note).proof()).hasSize(63);
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\n\nno signatures\n")).hasMessageContaining("note");
        assertThatThrownBy(() -> AddCheckpoint.parse("old 1\u0000\n\n" + note)).hasMessageContaining("control");
        assertThatThrownBy(() -> AddCheckpoint.parse(new byte[] {'o', 'l', 'd', ' ', (byte) 0xff}))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void aWitnessCosignsTheFirstCheckpointAndEveryConsistentOneAfter() {
        assertThat(request(0, List.of(), 5).check(checkpoint(5), 0, MerkleHash.emptyRoot()).cosign()).isTrue();
        assertThat(request(5, tree.consistencyProof(5, 8), 8).check(checkpoint(8), 5, tree.root(5)).cosign()).isTrue();
        assertThat(request(8, List.of(), 8).check(checkpoint(8), 8, tree.root(8)).cosign())
                .as("the same tree again").isTrue();
        assertThat(request(0, List.of(), 0).check(new Checkpoint("log", 0, MerkleHash.emptyRoot()), 0,
                                                  MerkleHash.emptyRoot()).cosign()).isTrue();
    }

    @Test
    void aWitnessRefusesWhatTheSpecSaysItMust() {
        AddCheckpoint.Verdict conflict = request(3, tree.consistencyProof(3, 8), 8).check(checkpoint(8), 5,
                                                                                         tree.root(5));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.size()).isEqualTo(5);

        assertThat(request(8, List.of(), 5).check(checkpoint(5), 8, tree.root(8)).status())
                .as("old size above the checkpoint's").isEqualTo(400);
        assertThat(request(0, List.of(), 0).check(new Checkpoint("log", 0, tree.root(1)), 0,
                                                  MerkleHash.emptyRoot()).status())
                .as("size 0 with another root than the empty tree's").isEqualTo(422);
        assertThat(request(0, tree.consistencyProof(5, 8), 8).check(checkpoint(8), 0, MerkleHash.emptyRoot())
                           .status()).as("a proof from size 0").isEqualTo(422);

        List<byte[]> bad = new ArrayList<>(tree.consistencyProof(5, 8));
        Collections.reverse(bad);
        AddCheckpoint.Verdict badProof = request(5, bad, 8).check(checkpoint(8), 5, tree.root(5));
        assertThat(badProof.status()).isEqualTo(422);
        assertThat(badProof.inconsistent()).as("a bad proof is no evidence of a fork: anyone can send one").isFalse();
        assertThat(badProof.reason()).contains("consistency proof from size 5").contains("does not verify");
        AddCheckpoint.Verdict randomProof = request(5, List.of(new byte[32]), 8).check(checkpoint(8), 5, tree.root(5));
        assertThat(randomProof.status()).isEqualTo(422);
        assertThat(randomProof.inconsistent()).isFalse();
    }

    @Test
    void anotherRootAtTheSizeCosignedIsASplitView() {
        AddCheckpoint.Verdict verdict = request(8, List.of(), 8).check(new Checkpoint("log", 8, tree.root(7)), 8,
                                                                     tree.root(8));
        assertThat(verdict.status()).isEqualTo(422);
        assertThat(verdict.inconsistent()).isTrue();
        assertThat(verdict.reason()).startsWith("split view");
    }

    @Test
    void theDocumentedExampleIsExact() throws VerificationException {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 2);
        KeyText.SignerKey witnessKey = KeyText.signerKey("other.example/witness", seed);
        assertThat(witnessKey.format())
                .isEqualTo("PRIVATE+KEY+other.example/witness+3f13ca3d+AQICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC");
        Cosignature.Signer witness = new Cosignature.Signer(witnessKey);
        assertThat(witness.key().format())
                .isEqualTo("other.example/witness+c2237eca+BIE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU");

        InMemoryNodes nodes = new InMemoryNodes();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            leaves.add(MerkleHash.leafHash(new byte[] {(byte) i}));
        }
        nodes.append(leaves);
        MerkleTree thirteen = nodes.tree();
        assertThat(NoteText.base64(thirteen.root(8))).isEqualTo("739JtiD2x+qbljohTaNLUCHG3tjtV3NDgKMRq3JqqQc=");

        AddCheckpoint request = AddCheckpoint.parse(DOC_REQUEST);
        SignedNote note = new NoteVerifier("ledger.example/log+7cc83a9d+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c")
                .verify(request.signedCheckpoint());
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        assertThat(request.check(checkpoint, 8, thirteen.root(8)).cosign()).isTrue();
        assertThat(witness.sign(note.text(), 1767225600L).line()).isEqualTo(DOC_ANSWER);
        assertThat(new Cosignature.Verifier(witness.key()).verify(SignedNote.parse(request.signedCheckpoint()
                + DOC_ANSWER))).hasValue(1767225600L);
    }

    private AddCheckpoint request(long old, List<byte[]> proof, long size) {
        NoteSigner log = new NoteSigner(KeyText.generate("log"));
        return new AddCheckpoint(old, proof, log.sign(new Checkpoint("log", size, size == 0 ? MerkleHash.emptyRoot()
                : tree.root(size)).format()));
    }

    private Checkpoint checkpoint(long size) {
        return new Checkpoint("log", size, tree.root(size));
    }
}
