package org.consensusledger.launcher;

import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        Path keys = DataDirectory.ownerOnly(directory.resolve("keys"));
        Files.writeString(keys.resolve("checkpoint-signing.key"), KeyText.generate("localhost:8082").format() + "\n");

        assertThat(LogOrigin.resolve(data, keys, null)).isEqualTo("localhost:8082");
        assertThat(Files.readString(data.resolve("log-origin"))).isEqualTo("localhost:8082\n");
        assertThat(LogOrigin.resolve(data, keys, "localhost:8082")).isEqualTo("localhost:8082");
        assertThatThrownBy(() -> LogOrigin.resolve(data, keys, "ledger.example.org/log"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is named 'localhost:8082'").hasMessageContaining("cannot change its origin");
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
}
