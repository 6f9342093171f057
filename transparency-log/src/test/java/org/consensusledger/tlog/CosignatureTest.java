package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C2SP tlog-cosignature/v1 (Ed25519) against the spec's own example and the vectors of Go's
 * {@code transparency-dev/formats/note} (note_cosigv1_test.go, and the witness key of its omniwitness tests).
 */
class CosignatureTest {

    private static final String CHECKPOINT = "example.com/behind-the-sofa\n20852163\n"
            + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    /** The spec's example cosignature line of witness.example.com/w1 on that checkpoint. */
    private static final String SPEC_COSIGNATURE = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/"
            + "zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n";
    /** A witness key of Go's omniwitness tests: an ordinary signer key, which cosigns with key type 0x04. */
    private static final String GO_WITNESS_SKEY = "PRIVATE+KEY+witness+f13a86db+AaLa/dfyBhyo/m0Z7WCi98ENVZWtrP8pxgRNrx7tIWiA";

    @Test
    void theSpecsExampleCarriesTheTimestampOfItsSignedMessageExample() {
        SignedNote.Signature line = SignedNote.parse(CHECKPOINT + "\n" + SPEC_COSIGNATURE).signatures().get(0);
        assertThat(line.keyId()).isEqualTo(0x8d66cf3f);
        // The spec's example of a signed message is "cosignature/v1\ntime 1679315147\n" and this checkpoint.
        assertThat(Cosignature.timestamp(line)).isEqualTo(1679315147L);
        assertThat(Cosignature.message(CHECKPOINT, 1679315147L)).isEqualTo(
                "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\n"
                        + "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
    }

    @Test
    void goTimestampVectors() {
        // TestCoSigV1Timestamp: a cosignature of 1727964367, and an ordinary Ed25519 signature (no timestamp).
        SignedNote.Signature cosignature = line("ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8q"
                + "T7S5gxEHWWOworDcFiEBYJXORmnFBOBA==");
        assertThat(Cosignature.timestamp(cosignature)).isEqualTo(1727964367L);
        SignedNote.Signature ordinary = line("eQjRQm6eSKzFoiYalgwCPXu2y3ijtg68is9M46JKxuZB+dRfTmeQeDBoXnvxZx2ugnkyV+MUML"
                + "XpWs1hPb/W/4xkNQY=");
        assertThatThrownBy(() -> Cosignature.timestamp(ordinary)).hasMessageContaining("not 72");
    }

    @Test
    void goVerifierKeyVectors() {
        // TestCoSigV1NewVerifier: a native cosignature/v1 key (type 0x04) parses, its key id checked.
        Cosignature.CosignerKey remora = Cosignature.CosignerKey.parse(
                "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(remora.keyId()).isEqualTo(0xda77ade7);
        assertThat(remora.format()).isEqualTo("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThatThrownBy(() -> Cosignature.CosignerKey.parse(
                "remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> Cosignature.CosignerKey.parse("bananas.sigstore.dev+12344556"))
                .hasMessageContaining("not <name>+<key id>+<key>");
        assertThatThrownBy(() -> Cosignature.CosignerKey.parse("rekor.sigstore.dev+12345678+AwEB"))
                .hasMessageContaining("type byte 0x04");
        // An ordinary (type 0x01) verifier key is not a cosigner key here: its key id names another algorithm.
        assertThatThrownBy(() -> Cosignature.CosignerKey.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6"))
                .hasMessageContaining("type byte 0x04");
    }

    @Test
    void aGoWitnessKeyCosignsWithTheKeyIdOfType4AndItsCosignaturesVerify() throws VerificationException {
        KeyText.SignerKey skey = KeyText.parseSignerKey(GO_WITNESS_SKEY);
        Cosignature.Signer signer = new Cosignature.Signer(skey);
        assertThat(signer.key().keyId()).isNotEqualTo(0xf13a86db)
                                        .isEqualTo(Cosignature.keyId("witness", skey.publicKey()));
        assertThat(Cosignature.CosignerKey.parse(signer.key().format())).isEqualTo(signer.key());

        SignedNote.Signature cosignature = signer.sign(CHECKPOINT, 1679315147L);
        assertThat(cosignature.signature()).hasSize(72);
        assertThat(Cosignature.timestamp(cosignature)).isEqualTo(1679315147L);
        // The signature is Ed25519 over the message, exactly.
        assertThat(Ed25519.verify(Ed25519.publicKey(skey.publicKey()),
                                  Cosignature.message(CHECKPOINT, 1679315147L).getBytes(StandardCharsets.UTF_8),
                                  java.util.Arrays.copyOfRange(cosignature.signature(), 8, 72))).isTrue();

        Cosignature.Verifier verifier = new Cosignature.Verifier(signer.key().format());
        NoteSigner log = new NoteSigner(KeyText.generate("example.com/behind-the-sofa"));
        SignedNote note = SignedNote.parse(log.sign(CHECKPOINT));
        SignedNote cosigned = new SignedNote(note.text(), List.of(note.signatures().get(0), cosignature));
        assertThat(verifier.verify(cosigned)).isEqualTo(OptionalLong.of(1679315147L));
        assertThat(verifier.verify(note)).as("no cosignature of this key").isEmpty();
        // The log's own key still verifies the note; it ignores the cosignature, which is of another key id.
        new NoteVerifier(log.verifierKey()).verify(cosigned.format());
        // And a log key's verifier does not take a cosignature for the log's (another key type, another id).
        assertThat(verifier.verify(CHECKPOINT, note.signatures().get(0))).isFalse();
    }

    @Test
    void theCosignatureCoversEveryLineOfTheCheckpointAndItsTime() {
        Cosignature.Signer signer = new Cosignature.Signer(KeyText.generate("witness.example/w1"));
        Cosignature.Verifier verifier = new Cosignature.Verifier(signer.key());
        String withExtension = CHECKPOINT + "time 1700000000\n";
        SignedNote.Signature cosignature = signer.sign(withExtension, 1700000005L);
        assertThat(verifier.verify(withExtension, cosignature)).isTrue();
        assertThat(verifier.verify(withExtension.replace("1700000000", "1700000001"), cosignature)).isFalse();
        assertThat(verifier.verify(CHECKPOINT, cosignature)).isFalse();

        byte[] bytes = cosignature.signature();
        bytes[7] ^= 1; // another timestamp
        SignedNote.Signature retimed = new SignedNote.Signature(cosignature.keyName(), cosignature.keyId(), bytes);
        assertThat(verifier.verify(withExtension, retimed)).isFalse();
        SignedNote forged = new SignedNote(withExtension, List.of(retimed));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(VerificationException.class)
                                                         .hasMessageContaining("invalid cosignature by witness.example/w1");
    }

    @Test
    void timestampsBeyond2To63AreRefused() {
        assertThatThrownBy(() -> Cosignature.message(CHECKPOINT, -1)).hasMessageContaining("2^63");
        byte[] bytes = new byte[72];
        bytes[0] = (byte) 0x80;
        assertThatThrownBy(() -> Cosignature.timestamp(new SignedNote.Signature("w", 1, bytes)))
                .hasMessageContaining("2^63");
    }

    @Test
    void timestampsNoDateCanHoldAreRefusedInWords() {
        long beyond = 40_000_000_000_000_000L; // about 1.3e9 years from now: Instant.ofEpochSecond would throw
        byte[] bytes = java.nio.ByteBuffer.allocate(72).putLong(beyond).array();
        assertThatThrownBy(() -> Cosignature.timestamp(new SignedNote.Signature("w", 1, bytes)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond the year 1000000000");
        byte[] last = java.nio.ByteBuffer.allocate(72).putLong(Cosignature.MAX_TIMESTAMP).array();
        assertThat(java.time.Instant.ofEpochSecond(Cosignature.timestamp(new SignedNote.Signature("w", 1, last))))
                .isEqualTo(java.time.Instant.MAX.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Cosignature.Signer signer = new Cosignature.Signer(KeyText.generate("w.example/w"));
        assertThatThrownBy(() -> signer.sign(CHECKPOINT, beyond)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SignedNote.Signature line(String base64) {
        return SignedNote.parse("x\n\n\u2014 w " + base64 + "\n").signatures().get(0);
    }
}
