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
 * The origin the launcher gives the log: recorded at the first start and kept (whatever the ports), unique to the
 * install, the existing key's name for a ledger that has one, and never changed under an existing key.
 */
class LogOriginTest {

    @Test
    void aNewLedgerGetsAMadeUpOriginOfItsOwnRecordedAndKept(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        Path keys = directory.resolve("keys");

        String origin = LogOrigin.resolve(data, keys, null);

        assertThat(origin).matches("consensus-ledger\\.localhost/[0-9a-f]{16}");
        KeyText.checkName(origin);
        assertThat(Files.readString(data.resolve("log-origin"))).isEqualTo(origin + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("log-origin"))))
                .isEqualTo("rw-------");
        assertThat(LogOrigin.resolve(data, keys, null)).as("kept at the next start").isEqualTo(origin);
        Path another = DataDirectory.ownerOnly(directory.resolve("another"));
        assertThat(LogOrigin.resolve(another, directory.resolve("other-keys"), null))
                .as("another install's is another").isNotEqualTo(origin);
    }

    @Test
    void anExistingLedgerKeepsTheOriginItsKeyIsNamedWith(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        Files.writeString(data.resolve("ledger.mv"), "a ledger made before the origin was recorded");
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        Files.writeString(keys.resolve("checkpoint-signing.key"), KeyText.generate("localhost:8082").format() + "\n");

        assertThat(LogOrigin.resolve(data, keys, null)).isEqualTo("localhost:8082");
        assertThat(Files.readString(data.resolve("log-origin"))).isEqualTo("localhost:8082\n");
        assertThat(Files.readString(keys.resolve("log-origin"))).as("bound to it").isEqualTo("localhost:8082\n");
        assertThat(LogOrigin.resolve(data, keys, "localhost:8082")).isEqualTo("localhost:8082");
        assertThatThrownBy(() -> LogOrigin.resolve(data, keys, "ledger.example.org/log"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is 'localhost:8082', recorded in").hasMessageContaining("cannot change its origin");
    }

    @Test
    void aGivenOriginIsRecordedAndOneThatNamesNoKeyIsRefused(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        Path keys = directory.resolve("keys");

        assertThat(LogOrigin.resolve(data, keys, "ledger.example.org/log")).isEqualTo("ledger.example.org/log");
        assertThat(LogOrigin.resolve(data, keys, null)).isEqualTo("ledger.example.org/log");
        assertThatThrownBy(() -> LogOrigin.resolve(data, keys, "our ledger"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("without spaces, '+'");
    }

    @Test
    void anInstallOfTheEarlierLayoutMigratesAndKeepsItsKeysName(@TempDir Path directory) throws Exception {
        // Its key in the data directory (on a real MongoDB: no data file), no origin recorded anywhere.
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        Files.writeString(data.resolve("checkpoint-signing.key"), KeyText.generate("localhost:8082").format() + "\n");
        Files.setPosixFilePermissions(data.resolve("checkpoint-signing.key"),
                                      PosixFilePermissions.fromString("rw-------"));
        Path keys = directory.resolve("keys");

        boolean earlier = LogOrigin.holdsEarlierLedger(data);
        KeysDirectory.prepare(keys, data);

        assertThat(earlier).isTrue();
        assertThat(LogOrigin.resolve(data, keys, null, earlier)).isEqualTo("localhost:8082");
        assertThat(Files.readString(keys.resolve("log-origin"))).isEqualTo("localhost:8082\n");
    }

    @Test
    void aSecondLedgerBesideTheFirstIsRefusedTheFirstsKeysAndName(@TempDir Path directory) throws Exception {
        Path a = DataDirectory.ownerOnly(directory.resolve("ledger-a"));
        Path keys = KeysDirectory.of(null, a);
        Path b = DataDirectory.ownerOnly(directory.resolve("ledger-b"));
        assertThat(KeysDirectory.of(null, b)).as("the default: one keys folder for both").isEqualTo(keys);

        String origin = LogOrigin.resolve(a, keys, null);
        // Before A's query side made its key, and after.
        assertThatThrownBy(() -> LogOrigin.resolve(b, keys, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the keys of the log '" + origin + "'")
                .hasMessageContaining("Give this ledger its own --keys");
        Files.writeString(keys.resolve("checkpoint-signing.key"), KeyText.generate(origin).format() + "\n");
        Files.setPosixFilePermissions(keys.resolve("checkpoint-signing.key"),
                                      PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> LogOrigin.resolve(b, keys, origin)).as("even when given A's name")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the keys of the log '" + origin + "'");
        // A keys folder of the version that did not bind it (no log-origin in it) is refused all the same.
        Files.delete(keys.resolve("log-origin"));
        assertThatThrownBy(() -> LogOrigin.resolve(b, keys, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the keys of the log '" + origin + "'");
        assertThat(b.resolve("log-origin")).as("B records nothing").doesNotExist();

        // rotate-key for B does not touch A's keys.
        StringWriter err = new StringWriter();
        assertThat(new CommandLine(new LedgerLauncher()).setOut(new PrintWriter(new StringWriter()))
                           .setErr(new PrintWriter(err)).execute("rotate-key", "--data-dir", b.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("holds the keys of the log '" + origin + "'");
        assertThat(keys.resolve("checkpoint-signing.key.next")).doesNotExist();
        StringWriter keyErr = new StringWriter();
        assertThat(new CommandLine(new LedgerLauncher()).setOut(new PrintWriter(new StringWriter()))
                           .setErr(new PrintWriter(keyErr)).execute("key", "--data-dir", b.toString()))
                .as("key does not show A's keys as B's").isEqualTo(2);
        assertThat(keyErr.toString()).contains("holds the keys of the log '" + origin + "'");

        // B with a keys folder of its own is a ledger of its own; A starts as before.
        assertThat(LogOrigin.resolve(b, directory.resolve("keys-b"), null)).isNotEqualTo(origin);
        assertThat(LogOrigin.resolve(a, keys, null)).isEqualTo(origin);
    }

    @Test
    void aDataDirectoryAndAKeysDirectoryOfDifferentLogsAreRefused(@TempDir Path directory) throws Exception {
        Path a = DataDirectory.ownerOnly(directory.resolve("a"));
        Path b = DataDirectory.ownerOnly(directory.resolve("b"));
        LogOrigin.resolve(a, directory.resolve("keys-a"), "a.example/log");
        LogOrigin.resolve(b, directory.resolve("keys-b"), "b.example/log");

        assertThatThrownBy(() -> LogOrigin.resolve(b, directory.resolve("keys-a"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds the keys of the log 'a.example/log'")
                .hasMessageContaining("whose log is 'b.example/log'");
    }

    @Test
    void aGivenOriginNeverReplacesTheRecordedOneEvenWithoutAKey(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("data"));
        String origin = LogOrigin.resolve(data, directory.resolve("keys"), null);

        // A wrong --keys: no key file there, and another origin given.
        assertThatThrownBy(() -> LogOrigin.resolve(data, directory.resolve("wrong-keys"), "ledger.example.org/log"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--origin is 'ledger.example.org/log', but the log of this ledger")
                .hasMessageContaining("is '" + origin + "'")
                .hasMessageContaining("a new, empty --data-dir");
        assertThat(Files.readString(data.resolve("log-origin"))).isEqualTo(origin + "\n");
        assertThat(directory.resolve("wrong-keys/log-origin")).doesNotExist();
    }
}
