package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed notes, their keys and their signatures against the C2SP signed-note example and the test vectors of Go's
 * golang.org/x/mod/sumdb/note (note_test.go).
 */
class SignedNoteTest {

    private static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String PETER_SKEY =
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1F"
            + "FYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1"
            + "aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    @Test
    void verifiesTheC2spExample() throws VerificationException {
        NoteVerifier verifier = new NoteVerifier("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");
        String note = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2O"
                + "NncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";
        SignedNote verified = verifier.verify(note);
        assertThat(verified.text()).isEqualTo("This is an example message.\n");
        assertThat(verified.signatures()).singleElement()
                                         .satisfies(s -> assertThat(s.keyId()).isEqualTo(0x530d903a));
        assertThat(verified.format()).isEqualTo(note);
        assertThatThrownBy(() -> verifier.verify(note.replace("example message", "example massage")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("invalid signature");
    }

    @Test
    void signsExactlyAsGoDoes() throws VerificationException {
        NoteSigner signer = NoteSigner.fromSignerKey(PETER_SKEY);
        String want = TEXT + "\n" + PETER_SIG;
        assertThat(signer.sign(TEXT)).isEqualTo(want);
        assertThat(signer.name()).isEqualTo("PeterNeumann");
        assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
        assertThat(signer.verifierKey().format()).isEqualTo(PETER_VKEY);

        SignedNote withOldSignature = new SignedNote(TEXT, List.of(
                new SignedNote.Signature("PeterNeumann", 0xc74f20a3, new byte[] {1, 2, 3})));
        assertThat(signer.sign(withOldSignature).format()).as("replaces its own old signature").isEqualTo(want);

        SignedNote cosigned = signer.sign(SignedNote.parse(TEXT + "\n" + ENOCH_SIG));
        assertThat(cosigned.format()).isEqualTo(TEXT + "\n" + ENOCH_SIG + PETER_SIG);
        NoteVerifier.verify(cosigned.format(), List.of(new NoteVerifier(PETER_VKEY), new NoteVerifier(ENOCH_VKEY)));

        assertThatThrownBy(() -> signer.sign("abc")).isInstanceOf(IllegalArgumentException.class)
                                                   .hasMessageContaining("newline");
        assertThatThrownBy(() -> new SignedNote.Signature("a+b", 1, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opensNotesAsGoDoes() throws VerificationException {
        NoteVerifier peter = new NoteVerifier(PETER_VKEY);
        NoteVerifier enoch = new NoteVerifier(ENOCH_VKEY);

        SignedNote note = peter.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG);
        assertThat(note.text()).isEqualTo(TEXT);
        assertThat(note.signatures()).extracting(SignedNote.Signature::keyName)
                                     .containsExactly("PeterNeumann", "EnochRoot");
        assertThat(note.signatures().get(1).keyId()).isEqualTo(0xaf0cfe78);
        assertThatCode(() -> NoteVerifier.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG, List.of(peter, enoch)))
                .doesNotThrowAnyException();
        assertThatCode(() -> enoch.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG)).doesNotThrowAnyException();

        assertThatThrownBy(() -> NoteVerifier.verify(TEXT + "\n" + PETER_SIG + ENOCH_SIG, List.of()))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + ENOCH_SIG))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG.repeat(101)))
                .isInstanceOf(VerificationException.class).hasMessageContaining("malformed note");

        String invalid = PETER_SIG.substring(0, 58) + "ABCD" + PETER_SIG.substring(58);
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + invalid))
                .isInstanceOf(VerificationException.class)
                .hasMessage("invalid signature for key PeterNeumann+c74f20a3");

        String enochInvalid = ENOCH_SIG.substring(0, 55) + "ABCD" + ENOCH_SIG.substring(55);
        SignedNote mixed = peter.verify(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochInvalid);
        assertThat(mixed.signatures()).hasSize(5);

        // Another name, or another key id, is another key: ignored, so nothing known is left.
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG.replace("PeterNeumann", "CarmenSandiego")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");
        assertThatThrownBy(() -> peter.verify(TEXT + "\n" + PETER_SIG.replace("x08g", "xxxx")))
                .isInstanceOf(VerificationException.class).hasMessageContaining("no signature by a known key");
    }

    @Test
    void refusesMalformedNotes() {
        NoteVerifier peter = new NoteVerifier(PETER_VKEY);
        List<String> bad = List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT.replace("\n", "\r\n") + "\n" + PETER_SIG,
                "\ud800" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotp"
                        + "RZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n",
                TEXT + "\n" + PETER_SIG.replace("\u2014", "-"),
                TEXT + "\n" + "\u2014 PeterNeumann x08gow==\n");
        for (String note : bad) {
            assertThatThrownBy(() -> peter.verify(note)).as("%s", note)
                    .isInstanceOf(VerificationException.class).hasMessageStartingWith("malformed note");
        }
        byte[] invalidUtf8 = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        invalidUtf8[0] = (byte) 0xff;
        assertThatThrownBy(() -> SignedNote.parse(invalidUtf8)).isInstanceOf(IllegalArgumentException.class)
                                                               .hasMessageContaining("UTF-8");
        assertThat(SignedNote.parse((TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo(TEXT);
    }

    @Test
    void noteTextMayContainBlankLinesAndUnicode() throws VerificationException {
        NoteSigner signer = NoteSigner.fromSignerKey(PETER_SKEY);
        String text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n";
        String note = signer.sign(text);
        assertThat(new NoteVerifier(PETER_VKEY).verify(note).text()).isEqualTo(text);
    }

    @Test
    void parsesKeysAsGoDoes() {
        KeyText.VerifierKey vkey = KeyText.parseVerifierKey(PETER_VKEY);
        assertThat(vkey.name()).isEqualTo("PeterNeumann");
        assertThat(vkey.keyId()).isEqualTo(0xc74f20a3);
        assertThat(vkey.format()).isEqualTo(PETER_VKEY);
        KeyText.SignerKey skey = KeyText.parseSignerKey(PETER_SKEY);
        assertThat(skey.format()).isEqualTo(PETER_SKEY);
        assertThat(skey.verifierKey()).as("public key derived from the seed").isEqualTo(vkey);
        assertThat(skey.toString()).doesNotContain("AYEKFALV");
        assertThat(KeyText.parseVerifierKey(ENOCH_VKEY).keyId()).isEqualTo(0xaf0cfe78);

        assertThatThrownBy(() -> KeyText.parseVerifierKey(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .as("wrong length key").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyText.parseVerifierKey(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .as("unknown algorithm").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEveryManglingOfTheGoKeys() {
        assertEveryManglingRefused(PETER_VKEY, KeyText::parseVerifierKey);
        assertEveryManglingRefused(PETER_SKEY, KeyText::parseSignerKey);
    }

    private static void assertEveryManglingRefused(String key, java.util.function.Function<String, ?> parser) {
        for (int i = 0; i <= key.length(); i++) {
            for (int j = i + 1; j <= key.length(); j++) {
                if (i != 0 || j != key.length()) {
                    String part = key.substring(i, j);
                    assertThatThrownBy(() -> parser.apply(part)).as("substring %s", part)
                                                                .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        for (int i = 0; i < key.length(); i++) {
            char[] chars = key.toCharArray();
            chars[i]++;
            String mangled = new String(chars);
            assertThatThrownBy(() -> parser.apply(mangled)).as("mangled %s", mangled)
                                                           .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void generatedKeysSignAndVerify() throws Exception {
        KeyText.SignerKey key = KeyText.generate("EnochRoot");
        NoteSigner signer = NoteSigner.fromSignerKey(key.format());
        NoteVerifier verifier = new NoteVerifier(key.verifierKey().format());
        assertThat(signer.name()).isEqualTo("EnochRoot");
        assertThat(verifier.name()).isEqualTo("EnochRoot");
        assertThat(signer.keyId()).isEqualTo(verifier.keyId())
                                  .isEqualTo(KeyText.keyId("EnochRoot", key.publicKey()));

        byte[] message = "hi".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(Ed25519.privateKey(key.seed()), message);
        assertThat(verifier.verifySignature(message, signature)).isTrue();
        signature[0]++;
        assertThat(verifier.verifySignature(message, signature)).as("corrupt signature").isFalse();
        signature[0]--;
        message[0]++;
        assertThat(verifier.verifySignature(message, signature)).as("corrupt message").isFalse();

        String note = signer.sign("hello\n");
        assertThat(verifier.verify(note).text()).isEqualTo("hello\n");

        var jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        NoteSigner fromJdk = new NoteSigner("example.com/log", jdkPair.getPrivate());
        assertThat(fromJdk.verifierKey().publicKey()).isEqualTo(Ed25519.rawPublicKey(jdkPair.getPublic()));
        assertThat(new NoteVerifier(fromJdk.verifierKey()).verify(fromJdk.sign("x\n")).text()).isEqualTo("x\n");

        assertThatThrownBy(() -> KeyText.verifierKey("EnochRoot", java.util.Arrays.copyOf(key.publicKey(), 31)))
                .as("public key of the wrong size").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyText.signerKey("EnochRoot", new byte[33]))
                .as("seed of the wrong size").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyNamesAreChecked() {
        for (String name : List.of("", "a+b", "a b", "a\tb", "a\u00a0b", "a\u2003b", "a\nb")) {
            assertThatThrownBy(() -> KeyText.generate(name)).as("name \"%s\"", name)
                                                            .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(KeyText.generate("example.com/ledger/log").name()).isEqualTo("example.com/ledger/log");
    }
}
