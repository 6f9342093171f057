package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consensusledger.tlog.TestLeaves.b64;

/** The C2SP checkpoint text: the spec's example, round trips and what is refused. */
class CheckpointTest {

    private static final String EXAMPLE = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void parsesTheSpecExample() {
        Checkpoint checkpoint = Checkpoint.parse(EXAMPLE);
        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.size()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHash()).isEqualTo(b64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I="));
        assertThat(checkpoint.extensions()).isEmpty();
        assertThat(checkpoint.format()).isEqualTo(EXAMPLE);
    }

    @Test
    void roundTripsWithExtensionsAndTheEmptyTree() {
        Checkpoint withExtensions = new Checkpoint("ledger.example/log", 42, MerkleHash.emptyRoot(),
                                                   List.of("ext one", "— two"));
        assertThat(Checkpoint.parse(withExtensions.format())).isEqualTo(withExtensions);
        assertThat(withExtensions.format()).endsWith("\next one\n— two\n");

        Checkpoint empty = new Checkpoint("ledger.example/log", 0, MerkleHash.emptyRoot());
        assertThat(empty.format()).isEqualTo("ledger.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(empty.format())).isEqualTo(empty);
    }

    @Test
    void signedCheckpointVerifies() throws VerificationException {
        KeyText.SignerKey key = KeyText.generate("ledger.example/log");
        Checkpoint checkpoint = new Checkpoint("ledger.example/log", 7, TestLeaves.hex(TestLeaves.ROOTS.get(7)));
        String signed = new NoteSigner(key).sign(checkpoint.format());
        SignedNote note = new NoteVerifier(key.verifierKey()).verify(signed);
        assertThat(Checkpoint.parse(note.text())).isEqualTo(checkpoint);
    }

    @Test
    void refusesMalformedCheckpoints() {
        String root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
        List<String> bad = List.of(
                "",
                "origin\n12\n" + root,
                "origin\n12\n",
                "\n12\n" + root + "\n",
                "origin\n012\n" + root + "\n",
                "origin\n-1\n" + root + "\n",
                "origin\n+1\n" + root + "\n",
                "origin\n1 \n" + root + "\n",
                "origin\n99999999999999999999\n" + root + "\n",
                "origin\n12\n" + root.substring(0, 40) + "\n",
                "origin\n12\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n",
                "origin\n12\n" + "AAAA" + root + "\n",
                "origin\n12\n" + root + "\n\n",
                "origin\n12\n" + root + "\next\n\n",
                "ori\tgin\n12\n" + root + "\n");
        for (String text : bad) {
            assertThatThrownBy(() -> Checkpoint.parse(text)).as("%s", text)
                                                           .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Checkpoint("origin", 1, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> new Checkpoint("two\nlines", 1, MerkleHash.emptyRoot()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("origin", -1, MerkleHash.emptyRoot()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("origin", 1, MerkleHash.emptyRoot(), List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
