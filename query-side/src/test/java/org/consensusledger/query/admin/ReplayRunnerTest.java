package org.consensusledger.query.admin;

import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line replay: a progress bar with events/s, and an end once every read model has caught up. */
class ReplayRunnerTest extends QueryApiTest {

    @Autowired
    private Replays replays;

    @Autowired
    private LedgerEventStorageEngine log;

    @Test
    void theProgressLineShowsABarTheCountAndTheRate() {
        assertThat(ReplayRunner.progress(50, 100, 1_000_000_000L))
                .isEqualTo("[###############---------------]  50.0%  50 / 100 events  50 events/s");
        assertThat(ReplayRunner.progress(1_000_000, 1_000_000, 40_000_000_000L))
                .isEqualTo("[##############################] 100.0%  1,000,000 / 1,000,000 events  25,000 events/s");
    }

    @Test
    void aReplayFromTheCommandLineReportsProgressAndEndsCaughtUp() throws Exception {
        String organisation = "org-" + UUID.randomUUID();
        append("Organisation", organisation, new OrganisationRegistered(organisation, "Replayed",
                                                                        StakeholderGroup.ACADEMIA, null));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        new ReplayRunner(replays, log, null).replay(new PrintStream(printed, true, StandardCharsets.UTF_8),
                                                    Duration.ofMillis(100));

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).matches("\\[[#-]{30}] +\\d+\\.\\d%  [\\d,]+ / [\\d,]+ events  [\\d,]+ events/s");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("Replay complete: " + log.nextGlobalPosition()
                                                                  + " events in every read model.");
        assertThat(replays.status()).allMatch(Replays.ProcessorStatus::caughtUp);
        assertThat(json(get("/api/public/bodies")).isArray()).isTrue();
    }
}
