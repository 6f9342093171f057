package org.consensusledger.query;

import org.consensusledger.eventlog.testing.LedgerApplicationContract;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class QuerySideApplicationTest extends LedgerApplicationContract {

    @Override
    protected Class<?> application() {
        return QuerySideApplication.class;
    }

    /**
     * The command-line replay ({@code --ledger.replay=true --spring.main.web-application-type=none}) starts without
     * the web: no bean of the site may need one only the web provides (the launcher's CrashIT runs it as a process).
     */
    @Test
    void theCommandLineReplayStartsWithoutTheWebAndRebuildsTheReadModels(@TempDir Path keys) {
        String uri = TestMongo.shared().connectionString(TestMongo.freshDatabaseName());
        ConfigurableApplicationContext replay = new SpringApplicationBuilder(QuerySideApplication.class)
                .web(WebApplicationType.NONE)
                .run("--ledger.replay=true", "--spring.mongodb.uri=" + uri,
                     "--ledger.audit.key-file=" + keys.resolve("replay-signing.key"));
        assertThat(replay.isActive()).as("the replay ran to its end and closed its context").isFalse();
    }
}
