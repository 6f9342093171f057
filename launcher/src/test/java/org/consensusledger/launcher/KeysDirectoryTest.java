package org.consensusledger.launcher;

import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing keys live in a directory of their own beside the data directory, owner-only: a key of the earlier
 * layout is moved there whole, a key others can read is refused, and {@code key} and {@code rotate-key} print what to
 * publish.
 */
class KeysDirectoryTest {

    @Test
    void theKeysDirectoryIsBesideTheDataDirectoryUnlessNamed(@TempDir Path directory) {
        assertThat(KeysDirectory.of(null, directory.resolve("data"))).isEqualTo(directory.resolve("keys"));
        assertThat(KeysDirectory.of(directory.resolve("elsewhere"), directory.resolve("data")))
                .isEqualTo(directory.resolve("elsewhere"));
    }

    @Test
    void aKeyOfTheEarlierLayoutIsMovedOutOfTheDataDirectoryWholeAndOwnerOnly(@TempDir Path directory)
            throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        String key = KeyText.generate("ledger.example/log").format() + "\n";
        Path old = data.resolve("checkpoint-signing.key");
        Files.writeString(old, key);
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
        Path keys = directory.resolve("keys");

        KeysDirectory.prepare(keys, data);

        assertThat(old).doesNotExist();
        assertThat(Files.readString(keys.resolve("checkpoint-signing.key"))).isEqualTo(key);
        assertThat(modeOf(keys)).isEqualTo("rwx------");
        assertThat(modeOf(keys.resolve("checkpoint-signing.key"))).isEqualTo("rw-------");

        // An interrupted move left the same key in both places: the copy in the data directory goes.
        Files.writeString(old, key);
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-------"));
        KeysDirectory.prepare(keys, data);
        assertThat(old).doesNotExist();
        assertThat(Files.readString(keys.resolve("checkpoint-signing.key"))).isEqualTo(key);
    }

    @Test
    void twoDifferentCheckpointKeysStopTheStartAndBothAreKept(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        Files.writeString(data.resolve("checkpoint-signing.key"), "one key");
        Files.writeString(keys.resolve("checkpoint-signing.key"), "another key");

        assertThatThrownBy(() -> KeysDirectory.prepare(keys, data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two different checkpoint signing keys");
        assertThat(Files.readString(data.resolve("checkpoint-signing.key"))).isEqualTo("one key");
        assertThat(Files.readString(keys.resolve("checkpoint-signing.key"))).isEqualTo("another key");
    }

    @Test
    void aKeyOthersCanReadIsRefusedWithTheFix(@TempDir Path directory) throws Exception {
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        Path receipt = keys.resolve("receipt-signing.key");
        Files.writeString(receipt, "a key");
        Files.setPosixFilePermissions(receipt, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> KeysDirectory.prepare(keys, directory.resolve("data")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rw-r-----")
                .hasMessageContaining("chmod 600 " + receipt.toAbsolutePath());
    }

    @Test
    void keyPrintsEachVerifierKeyWithTheFingerprintTheVerifyPageShows(@TempDir Path directory) throws Exception {
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        KeyText.SignerKey checkpoint = KeyText.generate("ledger.example/log");
        KeyText.SignerKey receipt = KeyText.generate("ledger.example/log/receipts");
        Files.writeString(keys.resolve("checkpoint-signing.key"), checkpoint.format() + "\n");
        Files.writeString(keys.resolve("receipt-signing.key"), receipt.format() + "\n");

        StringWriter out = new StringWriter();
        assertThat(command(out, new StringWriter()).execute("key", "--keys", keys.toString())).isZero();

        String vkey = checkpoint.verifierKey().format();
        assertThat(out.toString()).contains("checkpoint key: " + vkey + "  SHA-256 fingerprint: "
                                                    + KeyText.fingerprint(vkey))
                                  .contains("receipt key: " + receipt.verifierKey().format());
        StringWriter err = new StringWriter();
        assertThat(command(new StringWriter(), err).execute("key", "--keys", directory.resolve("none").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("there is no signing key");
    }

    @Test
    void rotateKeyPreparesANewKeyOfTheSameNameOwnerOnlyOnce(@TempDir Path directory) throws Exception {
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        KeyText.SignerKey current = KeyText.generate("ledger.example/log");
        Files.writeString(keys.resolve("checkpoint-signing.key"), current.format() + "\n");
        Files.setPosixFilePermissions(keys.resolve("checkpoint-signing.key"),
                                      PosixFilePermissions.fromString("rw-------"));

        StringWriter out = new StringWriter();
        assertThat(command(out, new StringWriter()).execute("rotate-key", "--keys", keys.toString())).isZero();

        Path next = keys.resolve("checkpoint-signing.key.next");
        KeyText.SignerKey prepared = KeyText.parseSignerKey(Files.readString(next).strip());
        assertThat(prepared.name()).isEqualTo("ledger.example/log");
        assertThat(prepared.keyId()).isNotEqualTo(current.keyId());
        assertThat(modeOf(next)).isEqualTo("rw-------");
        assertThat(out.toString()).contains(prepared.verifierKey().format())
                                  .contains(KeyText.fingerprint(prepared.verifierKey().format()))
                                  .contains("checkpoint-signing.key.retired-" + KeyText.hex8(current.keyId()));
        assertThat(Files.readString(keys.resolve("checkpoint-signing.key"))).isEqualTo(current.format() + "\n");

        StringWriter err = new StringWriter();
        assertThat(command(new StringWriter(), err).execute("rotate-key", "--keys", keys.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("a new key is already prepared");
        assertThat(KeyText.parseSignerKey(Files.readString(next).strip())).isEqualTo(prepared);
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        return new CommandLine(new LedgerLauncher()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private static String modeOf(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
