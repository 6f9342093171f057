package org.consensusledger.eventlog.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One log line per distinct failure: a repeated warning or error is written once with its cause, its repeats are
 * counted and the count written when summarised, distinct failures each get their line, and a line quiet for two
 * summaries is written in full again.
 */
class RepeatedLogLinesTest {

    private final LoggerContext context = new LoggerContext();
    private final RepeatedLogLines filter = new RepeatedLogLines(Duration.ofMinutes(1));
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private Logger processor;

    @BeforeEach
    void logback() {
        written.setContext(context);
        written.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(written);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        processor = context.getLogger("org.axonframework.eventhandling.TrackingEventProcessor");
    }

    @Test
    void aRepeatedFailureIsWrittenOnceWithItsCauseThenCounted() {
        for (int i = 0; i < 50; i++) {
            processor.warn("Error occurred. Starting retry mode.", failure("No space left on device"));
        }
        assertThat(written.list).hasSize(1);
        assertThat(written.list.get(0).getThrowableProxy().getCause().getMessage())
                .isEqualTo("No space left on device");

        filter.summariseNow();

        assertThat(written.list).hasSize(2);
        assertThat(written.list.get(1).getFormattedMessage())
                .isEqualTo("Repeated 49 more times since it was last written or counted: Error occurred. Starting "
                                   + "retry mode. (java.io.IOException: No space left on device)");
        filter.summariseNow();
        assertThat(written.list).as("nothing repeated meanwhile: nothing to say").hasSize(2);
    }

    @Test
    void distinctFailuresAndDistinctWordsEachGetTheirLine() {
        processor.warn("Error occurred. Starting retry mode.", failure("No space left on device"));
        processor.warn("Error occurred. Starting retry mode.", failure("Connection refused"));
        processor.warn("Releasing claim on token and preparing for retry in {}s", 1);
        processor.warn("Releasing claim on token and preparing for retry in {}s", 2);
        processor.info("Not a warning");
        processor.info("Not a warning");

        assertThat(written.list).hasSize(6);
    }

    @Test
    void aLineQuietForTwoSummariesIsWrittenInFullAgain() {
        processor.error("Unexpected failure of {} {}", "POST", "/api/x", failure("disk full"));
        processor.error("Unexpected failure of {} {}", "POST", "/api/y", failure("disk full"));
        filter.summariseNow();
        filter.summariseNow();
        filter.summariseNow();
        processor.error("Unexpected failure of {} {}", "POST", "/api/z", failure("disk full"));

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Unexpected failure of POST /api/x",
                "Repeated 1 more times since it was last written or counted: Unexpected failure of {} {} "
                        + "(java.io.IOException: disk full)",
                "Unexpected failure of POST /api/z");
    }

    private static RuntimeException failure(String cause) {
        return new IllegalStateException("wrapped", new IOException(cause));
    }
}
