package org.consensusledger.query.audit;

import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The log's origin is configured, never derived from where the query side runs: without one (or with one that cannot
 * name a key) the query side refuses to start, saying what to set, and which origin an existing key already has.
 */
@ExtendWith(OutputCaptureExtension.class)
class OriginTest {

    @Test
    void withoutAnOriginTheQuerySideRefusesToStartNamingThePropertyAndTheExistingKeysOrigin(
            @TempDir Path directory, CapturedOutput output) throws Exception {
        Path key = directory.resolve("checkpoint-signing.key").toAbsolutePath();
        Files.writeString(key, KeyText.generate("ledger.example.org/log").format() + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> start("--ledger.audit.origin=", "--ledger.audit.key-file=" + key))
                .hasRootCauseInstanceOf(OriginMissing.class);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("ledger.audit.origin is not set")
                .contains("LEDGER_AUDIT_ORIGIN")
                .contains("is named 'ledger.example.org/log', so this log's origin is 'ledger.example.org/log'");
    }

    @Test
    void anOriginWithASpaceOrAPlusIsRefused(@TempDir Path directory) {
        Path key = directory.resolve("checkpoint-signing.key").toAbsolutePath();

        assertThatThrownBy(() -> start("--ledger.audit.origin=our ledger+1", "--ledger.audit.key-file=" + key))
                .hasRootCauseInstanceOf(OriginMissing.class).rootCause()
                .hasMessageContaining("'our ledger+1' cannot name a log: it must be non-empty, without spaces, '+'");
        assertThat(key).as("no key is made for an origin that is refused").doesNotExist();
    }

    @Test
    void theCommandLineReplayStartsWithoutAnOriginAndMakesNoKey(@TempDir Path directory, CapturedOutput output) {
        Path key = directory.resolve("checkpoint-signing.key").toAbsolutePath();

        // It neither signs nor cosigns: nothing in it is named after the origin (CrashIT's replay once failed here).
        start("--ledger.audit.origin=", "--ledger.audit.key-file=" + key, "--ledger.replay=true",
              "--spring.main.web-application-type=none");

        assertThat(output.getOut()).contains("Replay complete");
        assertThat(key).doesNotExist();
        assertThat(directory.resolve("witness-signing.key")).doesNotExist();
    }

    private static void start(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--spring.mongodb.uri=" + TestMongo.shared().connectionString(TestMongo.freshDatabaseName());
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        new SpringApplicationBuilder(QuerySideApplication.class).run(all).close();
    }
}
