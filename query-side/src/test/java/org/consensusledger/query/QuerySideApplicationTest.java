package org.consensusledger.query;

import org.consensusledger.eventlog.testing.LedgerApplicationContract;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class QuerySideApplicationTest extends LedgerApplicationContract {

    @Override
    protected Class<?> application() {
        return QuerySideApplication.class;
    }

    /**
     * The command-line replay ({@code --ledger.replay=true --spring.main.web-application-type=none}) starts without
     * the web: no bean of the site may need one only the web provides (the launcher's CrashIT runs it as a process).
     * It never reads the signing key, so a key file that others can read, which the query side refuses
     * (SigningKeyFileTest), does not stop it either.
     */
    @Test
    void theCommandLineReplayStartsWithoutTheWebAndRebuildsTheReadModels(@TempDir Path keys) throws Exception {
        String uri = TestMongo.shared().connectionString(TestMongo.freshDatabaseName());
        Path key = keys.resolve("replay-signing.key");
        Files.writeString(key, KeyText.generate("localhost:8082").format() + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigurableApplicationContext replay = new SpringApplicationBuilder(QuerySideApplication.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.replay=true", "--spring.mongodb.uri=" + uri, "--ledger.audit.key-file=" + key);
        assertThat(replay.isActive()).as("the replay ran to its end and closed its context").isFalse();
    }
}
