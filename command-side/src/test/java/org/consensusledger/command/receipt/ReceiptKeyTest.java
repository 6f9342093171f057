package org.consensusledger.command.receipt;

import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receipt key: created owner-only, kept across starts, refused when others may read it or it is another's. */
class ReceiptKeyTest {

    @TempDir
    Path dir;

    private ReceiptKey start(Path file, String origin) {
        return new ReceiptKey(new ReceiptProperties(file, Duration.ofMinutes(5)), origin, "http://localhost:8082");
    }

    @Test
    void theKeyIsCreatedOnceOwnerOnlyAndItsVerifierKeyWrittenBeside() throws Exception {
        Path file = dir.resolve("keys").resolve("receipt-signing.key");

        ReceiptKey first = start(file, "");
        ReceiptKey again = start(file, "");

        assertThat(first.origin()).isEqualTo("localhost:8082");
        assertThat(first.vkey()).startsWith("localhost:8082/receipts+").isEqualTo(again.vkey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("keys").resolve("receipt-signing.key.pub"))).isEqualTo(
                first.vkey() + "\n");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedSayingHowToFixIt() throws Exception {
        Path file = dir.resolve("receipt-signing.key");
        Files.writeString(file, KeyText.generate("localhost:8082/receipts").format() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(file, "")).isInstanceOf(IllegalStateException.class)
                                                 .hasMessageContaining("rw-r--r--")
                                                 .hasMessageContaining("chmod 600");
    }

    @Test
    void theKeyOfAnotherOriginIsRefused() {
        Path file = dir.resolve("receipt-signing.key");
        start(file, "ledger.example.org");

        assertThatThrownBy(() -> start(file, "other.example.org"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("named 'ledger.example.org/receipts'")
                .hasMessageContaining("'other.example.org/receipts'");
    }
}
