package org.consensusledger.query.projection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tunables of the read models' processing and of the replay, as an operator sets them: the defaults the
 * properties always had, the command-line replay's own switch, and a wrong value stopping start-up with a message
 * that names the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProjectionTunablesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Tunables.class);

    @Test
    void aReplayOnASmallHeapReadsFewerEventsAtATime() {
        long megabyte = 1024 * 1024;
        ReplayProperties configured = new ReplayProperties(false, 5000);

        assertThat(configured.batchSizeFor(6 * 1024 * megabyte)).isEqualTo(5000);
        assertThat(configured.batchSizeFor(320 * megabyte)).isEqualTo(5000);
        assertThat(configured.batchSizeFor(128 * megabyte)).isEqualTo(2048);
        assertThat(configured.batchSizeFor(4 * megabyte)).isEqualTo(100);
        assertThat(new ReplayProperties(false, 50).batchSizeFor(4 * megabyte)).isEqualTo(50);
    }

    @Test
    void unsetTheyKeepTheirDefaults() {
        runner.run(context -> {
            ProjectionProperties projections = context.getBean(ProjectionProperties.class);
            assertThat(projections.pollInterval()).isEqualTo(Duration.ofMillis(20));
            assertThat(projections.firstStartRebuildAbove()).isEqualTo(10_000);
            assertThat(context.getBean(ReplayProperties.class)).isEqualTo(new ReplayProperties(false, 5000));
        });
    }

    @Test
    void theCommandLineReplaySwitchAndItsBatchSizeShareTheirName() {
        runner.withPropertyValues("ledger.replay=true")
              .run(context -> assertThat(context.getBean(ReplayProperties.class))
                      .isEqualTo(new ReplayProperties(true, 5000)));
        runner.withPropertyValues("ledger.replay=true", "ledger.replay.batch-size=200")
              .run(context -> assertThat(context.getBean(ReplayProperties.class))
                      .isEqualTo(new ReplayProperties(true, 200)));
        runner.withPropertyValues("ledger.replay.batch-size=300", "ledger.projections.poll-interval=5ms",
                                  "ledger.projections.first-start-rebuild-above=100")
              .run(context -> {
                  assertThat(context.getBean(ReplayProperties.class)).isEqualTo(new ReplayProperties(false, 300));
                  assertThat(context.getBean(ProjectionProperties.class).pollInterval())
                          .isEqualTo(Duration.ofMillis(5));
                  assertThat(context.getBean(ProjectionProperties.class).firstStartRebuildAbove()).isEqualTo(100);
              });
    }

    @Test
    void aReplayBatchSizeBelowOneStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.replay.batch-size=0"))
                .hasRootCauseMessage("ledger.replay.batch-size must be at least 1, not 0");
        assertThat(output).contains("APPLICATION FAILED TO START")
                          .contains("ledger.replay.batch-size must be at least 1, not 0");
    }

    @Test
    void aPollIntervalUnderAMillisecondStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.projections.poll-interval=0ms"))
                .isInstanceOf(ConfigurationPropertiesBindException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                          .contains("\"ledger.projections.poll-interval\" from property source \"commandLineArgs\"")
                          .contains("must be longer than or equal to 1 milli");
    }

    private static void start(String... arguments) {
        new SpringApplicationBuilder(Tunables.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                                                    .logStartupInfo(false).run(arguments).close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ProjectionProperties.class, ReplayProperties.class})
    static class Tunables {
    }
}
