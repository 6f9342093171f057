package org.consensusledger.audit;

import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receipt's signed-note form: byte-exact text, signed and verified, and every hostile variant refused. */
class ReceiptTest {

    private static final byte[] SEED = new byte[32];
    private static final NoteSigner SIGNER = new NoteSigner(KeyText.signerKey("ledger.example.org/receipts", SEED));
    private static final NoteVerifier VERIFIER = new NoteVerifier(SIGNER.verifierKey());
    private static final byte[] HASH_A = filled(1);
    private static final byte[] HASH_B = filled(2);

    private static byte[] filled(int value) {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) value);
        return hash;
    }

    private static Receipt receipt() {
        return new Receipt("ledger.example.org", 1_700_000_000L, 1_700_000_300L,
                           List.of(new Receipt.Event(41, HASH_A), new Receipt.Event(42, HASH_B)));
    }

    @Test
    void theTextIsExactlyTheDocumentedLines() {
        assertThat(receipt().text()).isEqualTo("""
                consensus-ledger/receipt/v1
                ledger.example.org
                time 1700000000
                merge-by 1700000300
                41 AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=
                42 AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=
                """);
    }

    @Test
    void aSignedReceiptVerifiesAndReadsBackEqual() throws VerificationException {
        String note = receipt().sign(SIGNER);

        assertThat(note).startsWith(receipt().text() + "\n— ledger.example.org/receipts ");
        Receipt read = Receipt.verify(note, VERIFIER);
        assertThat(read).isEqualTo(receipt());
        assertThat(read.firstPosition()).isEqualTo(41);
        assertThat(read.lastPosition()).isEqualTo(42);
    }

    /** The example of docs/audit.md, "Receipts", byte for byte (Ed25519 signatures are deterministic). */
    @Test
    void theDocumentedExampleIsExactlyThisNote() throws Exception {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        KeyText.SignerKey key = KeyText.signerKey("ledger.example/log/receipts", seed);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Receipt receipt = new Receipt("ledger.example/log", 1_796_486_400L, 1_796_486_700L, List.of(
                new Receipt.Event(41, sha256.digest("one".getBytes(StandardCharsets.UTF_8))),
                new Receipt.Event(42, sha256.digest("two".getBytes(StandardCharsets.UTF_8)))));

        String note = receipt.sign(new NoteSigner(key));

        assertThat(key.format()).isEqualTo(
                "PRIVATE+KEY+ledger.example/log/receipts+642cb469+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");
        assertThat(key.verifierKey().format()).isEqualTo(
                "ledger.example/log/receipts+642cb469+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
        assertThat(note).isEqualTo("""
                consensus-ledger/receipt/v1
                ledger.example/log
                time 1796486400
                merge-by 1796486700
                41 dpLDrTVAu4A8Ags67mbNiIcSMjTqDG5xQ8Ct1z/0Me0=
                42 P8TM/nRYcOLA2Z9x8w/wZWyN7dQcwdfT03aw2+aF4vM=

                — ledger.example/log/receipts \
                ZCy0acJ/qHh9HSfK41E0chdOqJOfVDFP7bTK2iyrYL5E5FFwup3N78L4cjaMmZ4bbjQznSjgOVuo7KNzytkxkcausgg=
                """);
        assertThat(Receipt.verify(note, new NoteVerifier(key.verifierKey()))).isEqualTo(receipt);
    }

    @Test
    void aChangedLeafHashBreaksTheSignature() {
        String note = receipt().sign(SIGNER);
        String forged = note.replace("41 AQEB", "41 AwEB");

        assertThatThrownBy(() -> Receipt.verify(forged, VERIFIER)).isInstanceOf(VerificationException.class)
                                                                  .hasMessageContaining("invalid signature");
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRefused() {
        NoteSigner other = new NoteSigner(KeyText.generate("ledger.example.org/receipts"));
        String note = receipt().sign(other);

        assertThatThrownBy(() -> Receipt.verify(note, VERIFIER)).isInstanceOf(VerificationException.class)
                                                                .hasMessageContaining("no signature by a known key");
    }

    @Test
    void aNoteOfAnotherOriginsTextSignedWithTheReceiptKeyIsRefused() {
        String text = receipt().text().replace("\nledger.example.org\n", "\nother.example.org\n");
        String note = SIGNER.sign(text);

        assertThatThrownBy(() -> Receipt.verify(note, VERIFIER)).isInstanceOf(VerificationException.class)
                                                                .hasMessageContaining("not by 'other.example.org"
                                                                                              + "/receipts'");
    }

    @Test
    void theSignerMustBeTheOriginsReceiptKey() {
        NoteSigner checkpoints = new NoteSigner(KeyText.signerKey("ledger.example.org", SEED));

        assertThatThrownBy(() -> receipt().sign(checkpoints)).isInstanceOf(IllegalArgumentException.class)
                                                             .hasMessageContaining("ledger.example.org/receipts");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "consensus-ledger/receipt/v2\nledger.example.org\ntime 1\nmerge-by 2\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 01\nmerge-by 2\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime -1\nmerge-by 2\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 3\nmerge-by 2\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\nmerge-by 2\ntime 1\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n1 %s\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n0 %s\n0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n0  %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n+0 %s\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n0 AQID\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n0 %s extra\n",
            "consensus-ledger/receipt/v1\nledger.example.org\ntime 1\nmerge-by 2\n99999999999999999999 %s\n",
            "consensus-ledger/receipt/v1\n\ntime 1\nmerge-by 2\n0 %s\n",
    })
    void aHostileTextIsRefusedEvenWhenProperlySigned(String template) {
        String hash = Base64.getEncoder().encodeToString(HASH_A);
        String note = SIGNER.sign(template.replace("%s", hash));

        assertThatThrownBy(() -> Receipt.verify(note, VERIFIER)).isInstanceOf(VerificationException.class)
                                                                .hasMessageStartingWith("not a receipt: ");
    }

    @Test
    void aHashInNonCanonicalBase64IsRefused() {
        String canonical = Base64.getEncoder().encodeToString(HASH_A);
        String loose = canonical.substring(0, canonical.length() - 2) + "F=";

        assertThatThrownBy(() -> Receipt.parseText("consensus-ledger/receipt/v1\no\ntime 1\nmerge-by 2\n0 "
                                                           + loose + "\n"))
                .hasMessageContaining("canonical base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no blank line\n", "consensus-ledger/receipt/v1\n\n— x AAAA\n",
            "text\u0007\n\n— ledger.example.org/receipts AAAAAAAA\n"})
    void aMalformedNoteIsRefused(String note) {
        assertThatThrownBy(() -> Receipt.verify(note, VERIFIER)).isInstanceOf(VerificationException.class);
    }

    @Test
    void anOversizedNoteIsRefusedBeforeItIsParsed() {
        String note = "x".repeat(Receipt.MAX_NOTE_LENGTH + 1);

        assertThatThrownBy(() -> Receipt.verify(note, VERIFIER)).hasMessageContaining("longer than");
    }
}
