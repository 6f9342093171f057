package org.consensusledger.query.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands "Verify this record" shows, read by a real shell: every key stays one word whatever it holds (a
 * witness's name is chosen by its operator), and a key a command line could show otherwise than it is gets no command.
 */
class VerifyCommandsTest {

    private static final String BASE = "https://ledger.example";
    private static final String LOG_KEY = "ledger.example/log+0a1b2c3d+AWxvZyBrZXk=";

    @Test
    void aWitnessKeyThatTriesToBreakOutOfItsQuotesStaysOneWord(@TempDir Path directory) throws Exception {
        Path pwned = directory.resolve("pwned");
        String hostile = "w'$(touch${IFS}" + pwned + ")'\"`id`\";x+0a0b0c0d+BGtleQ==";
        String plain = "witness.example+0a0b0c0e+BGtleTI=";
        String receiptKey = "ledger.example/receipts'+01020304+AXJlY2VpcHQ=";

        AuditorPages.Commands commands = AuditorPages.Commands.of(BASE, LOG_KEY, "checkpoint-7.txt",
                                                                  List.of(hostile, plain), receiptKey);

        assertThat(ShellWords.of(commands.witnesses())).containsExactly(
                "java", "-jar", "consensus-ledger-verifier.jar", "--server", BASE, "--vkey", LOG_KEY,
                "--witness", hostile, "--witness", plain, "--witnesses-required", "2");
        assertThat(ShellWords.of(commands.receipt())).containsExactly(
                "java", "-jar", "consensus-ledger-verifier.jar", "--server", BASE, "--vkey", LOG_KEY,
                "--receipt", "receipt.txt", "--receipt-vkey", receiptKey);
        assertThat(ShellWords.of(commands.verifySaved())).containsExactly(
                "java", "-jar", "consensus-ledger-verifier.jar", "--server", BASE, "--vkey", LOG_KEY,
                "--saved", "checkpoint-7.txt", "--require-saved-checkpoint");
        assertThat(Files.exists(pwned)).as("nothing the key held was run").isFalse();
    }

    @Test
    void aWitnessKeyWithCharactersShownOtherwiseGetsNoCommandAndNoReceiptKeyNoReceiptCommand() {
        String reversing = "w\u202Eesrever+0a0b0c0d+BGtleQ==";
        AuditorPages.Commands commands = AuditorPages.Commands.of(BASE, LOG_KEY, "checkpoint.txt",
                                                                  List.of("witness.example+0a0b0c0e+BGtleTI=",
                                                                          reversing), null);
        assertThat(commands.witnesses()).isNull();
        assertThat(commands.receipt()).isNull();
        assertThat(AuditorPages.Commands.of(BASE, LOG_KEY, "checkpoint.txt", List.of(), null).witnesses()).isNull();
    }
}
