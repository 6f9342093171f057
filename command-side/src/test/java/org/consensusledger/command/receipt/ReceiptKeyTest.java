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

/**
 * The receipt key: created owner-only (in an owner-only folder), kept across starts, refused when others may read it
 * or it is another's; a lost key is not silently replaced while receipts are kept; the origin is required.
 */
class ReceiptKeyTest {

    @TempDir
    Path dir;

    private ReceiptKey start(Path file, String origin) {
        return new ReceiptKey(new ReceiptProperties(file, Duration.ofMinutes(5)), origin, () -> false);
    }

    @Test
    void theKeyIsCreatedOnceOwnerOnlyAndItsVerifierKeyWrittenBeside() throws Exception {
        Path file = dir.resolve("keys").resolve("receipt-signing.key");

        ReceiptKey first = start(file, "localhost:8082");
        ReceiptKey again = start(file, "localhost:8082");

        assertThat(first.origin()).isEqualTo("localhost:8082");
        assertThat(first.vkey()).startsWith("localhost:8082/receipts+").isEqualTo(again.vkey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(dir.resolve("keys").resolve("receipt-signing.key.pub"))).isEqualTo(
                first.vkey() + "\n");
    }

    @Test
    void aKeyFileOthersMayReadIsRefusedSayingHowToFixIt() throws Exception {
        Path file = dir.resolve("receipt-signing.key");
        Files.writeString(file, KeyText.generate("localhost:8082/receipts").format() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(file, "localhost:8082")).isInstanceOf(IllegalStateException.class)
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

    @Test
    void withoutAnOriginTheCommandSideDoesNotStart() {
        Path file = dir.resolve("receipt-signing.key");

        assertThatThrownBy(() -> start(file, " ")).isInstanceOf(IllegalStateException.class)
                                                  .hasMessageContaining("ledger.audit.origin is not set");
        assertThat(file).doesNotExist();
    }

    @Test
    void aLostKeyIsNotReplacedWhileReceiptsAreKeptUnlessAskedTo() {
        Path file = dir.resolve("receipt-signing.key");

        assertThatThrownBy(() -> new ReceiptKey(new ReceiptProperties(file, Duration.ofMinutes(5)), "localhost:8082",
                                                () -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is missing, but event_receipts holds receipts")
                .hasMessageContaining("from a backup")
                .hasMessageContaining("ledger.receipts.new-key=true");
        assertThat(file).doesNotExist();

        ReceiptKey renewed = new ReceiptKey(new ReceiptProperties(file, Duration.ofMinutes(5), null, true),
                                            "localhost:8082", () -> true);
        assertThat(renewed.vkey()).startsWith("localhost:8082/receipts+");
        assertThat(start(file, "localhost:8082").vkey()).isEqualTo(renewed.vkey());
    }
}
