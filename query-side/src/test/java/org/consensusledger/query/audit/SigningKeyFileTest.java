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

/** A checkpoint signing key that others may read is refused when the query side starts, in words that fix it. */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyFileTest {

    @Test
    void aKeyFileOthersCanReadStopsTheStartWithTheFileItsModeAndTheFix(@TempDir Path directory,
                                                                        CapturedOutput output) throws Exception {
        Path key = directory.resolve("checkpoint-signing.key").toAbsolutePath();
        Files.writeString(key, KeyText.generate("localhost:8082").format() + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri="
                        + TestMongo.shared().connectionString(TestMongo.freshDatabaseName()),
                "--ledger.audit.key-file=" + key).close())
                .hasRootCauseInstanceOf(KeyFileOpenToOthers.class)
                .rootCause().hasMessageContaining(key.toString()).hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600 " + key);
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The checkpoint signing key " + key + " (ledger.audit.key-file) can be read or changed by "
                                  + "other users than its owner: its mode is rw-r--r--")
                .contains("chmod 600 " + key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .as("the file is left as it was: fixing it is the operator's call").isEqualTo("rw-r--r--");
    }
}
