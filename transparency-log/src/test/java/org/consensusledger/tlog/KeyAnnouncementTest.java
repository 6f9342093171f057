package org.consensusledger.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new key announced in a checkpoint signed by the old one and the new one (docs/audit.md, Key rotation). */
class KeyAnnouncementTest {

    private static final String ORIGIN = "ledger.example/log";
    private static final NoteSigner OLD = new NoteSigner(KeyText.signerKey(ORIGIN, seed(1)));
    private static final NoteSigner NEW = new NoteSigner(KeyText.signerKey(ORIGIN, seed(2)));
    private static final byte[] ROOT = MerkleHash.sha256("root".getBytes(StandardCharsets.UTF_8));

    @Test
    void theAnnouncementIsTheCheckpointWithAKeyLineLastSignedByTheOldKeyThenTheNew() throws Exception {
        String note = KeyAnnouncement.sign(new Checkpoint(ORIGIN, 8, ROOT, List.of("time 1764945000")), OLD, NEW);

        SignedNote parsed = SignedNote.parse(note);
        assertThat(parsed.text()).isEqualTo(ORIGIN + "\n8\n" + NoteText.base64(ROOT) + "\ntime 1764945000\nkey "
                                                    + NEW.verifierKey().format() + "\n");
        assertThat(parsed.signatures()).extracting(SignedNote.Signature::keyId)
                                       .containsExactly(OLD.keyId(), NEW.keyId());
        new NoteVerifier(OLD.verifierKey()).verify(note);
        new NoteVerifier(NEW.verifierKey()).verify(note);

        KeyAnnouncement.Followed followed = KeyAnnouncement.follow(note, List.of(OLD.verifierKey()));
        assertThat(followed.announced()).isEqualTo(NEW.verifierKey());
        assertThat(followed.by()).isEqualTo(OLD.verifierKey());
        assertThat(followed.checkpoint().size()).isEqualTo(8);
    }

    /** The example of docs/audit.md, Key rotation, byte for byte (Ed25519 signatures are deterministic). */
    @Test
    void theSpecificationsExampleIsSignedByteForByte() throws Exception {
        String example = """
                ledger.example/log
                8
                XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=
                key ledger.example/log+29e7a773+AYE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1uPybOU

                \u2014 ledger.example/log fMg6ne1O7QoL8lukJq2P79QkKkncfc1KmO1wSHjU+IxtVLH5PuyuTe0eKYG09xbJ7Ecnz3jJPCfAlAPdXmGWjXNeJwk=
                \u2014 ledger.example/log Keenc6ZkvHGfIZ2i0R1MRK1O/0/R9zdV0Cz6J6Q4FTo9kOkXknaQE6Kd0xFIxSZf83XzIrUxHl8vxLr1ku9yISZqygg=
                """;
        byte[] root = java.util.Base64.getDecoder().decode("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");

        assertThat(OLD.verifierKey().format())
                .isEqualTo("ledger.example/log+7cc83a9d+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c");
        assertThat(KeyAnnouncement.sign(new Checkpoint(ORIGIN, 8, root), OLD, NEW)).isEqualTo(example);
        assertThat(KeyText.fingerprint(NEW.verifierKey().format()))
                .isEqualTo("27a7d0c31a01f2cadb6a339f3840c4fb68379290d3b7057c0d134fde6a109657");
        assertThat(KeyAnnouncement.follow(example, List.of(KeyText.parseVerifierKey(
                "ledger.example/log+7cc83a9d+AYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG0D29c"))).announced())
                .isEqualTo(NEW.verifierKey());
    }

    @Test
    void anAnnouncementSignedOnlyByTheNewKeyIsRefused() {
        String text = new Checkpoint(ORIGIN, 8, ROOT, List.of(KeyAnnouncement.line(NEW.verifierKey()))).format();
        String forged = NEW.sign(text);

        assertThatThrownBy(() -> KeyAnnouncement.follow(forged, List.of(OLD.verifierKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not signed by a key already trusted");
    }

    @Test
    void anAnnouncementTheNewKeyDidNotSignIsRefused() {
        String text = new Checkpoint(ORIGIN, 8, ROOT, List.of(KeyAnnouncement.line(NEW.verifierKey()))).format();

        assertThatThrownBy(() -> KeyAnnouncement.follow(OLD.sign(text), List.of(OLD.verifierKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not signed by that key");
    }

    @Test
    void anAnnouncementWhoseTextWasChangedAfterSigningIsRefused() {
        String note = KeyAnnouncement.sign(new Checkpoint(ORIGIN, 8, ROOT), OLD, NEW);
        String changed = note.replaceFirst("\n8\n", "\n9\n");

        assertThatThrownBy(() -> KeyAnnouncement.follow(changed, List.of(OLD.verifierKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("invalid signature");
    }

    @Test
    void aKeyNamedOtherwiseThanTheOriginCannotBeAnnounced() {
        NoteSigner other = new NoteSigner(KeyText.signerKey("other.example/log", seed(3)));
        String text = new Checkpoint(ORIGIN, 8, ROOT, List.of(KeyAnnouncement.line(other.verifierKey()))).format();
        String note = other.sign(OLD.sign(new SignedNote(text, List.of()))).format();

        assertThatThrownBy(() -> KeyAnnouncement.follow(note, List.of(OLD.verifierKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("not named after the log's origin");
        assertThatThrownBy(() -> KeyAnnouncement.sign(new Checkpoint(ORIGIN, 8, ROOT), OLD, other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrdinaryCheckpointAnnouncesNothing() {
        assertThatThrownBy(() -> KeyAnnouncement.follow(OLD.sign(new Checkpoint(ORIGIN, 8, ROOT).format()),
                                                        List.of(OLD.verifierKey())))
                .isInstanceOf(VerificationException.class).hasMessageContaining("0 key lines");
    }

    @Test
    void theFingerprintIsTheSha256OfTheVerifierKeyAsServedWithItsNewline() throws Exception {
        String vkey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((vkey + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(KeyText.fingerprint(vkey)).isEqualTo(HexFormat.of().formatHex(digest)).hasSize(64);
    }

    @Test
    void originsWithASpaceOrAPlusAreNoKeyNames() {
        KeyText.checkName("ledger.example/log");
        assertThatThrownBy(() -> KeyText.checkName("ledger example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyText.checkName("ledger+example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyText.checkName("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] seed(int value) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) value);
        return seed;
    }
}
