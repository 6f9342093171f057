package org.consensusledger.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Scheduler;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusals' log lines: every 4xx at INFO, but a rate limit's 429 only once a minute per client. */
class RequestLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();
    private final RefusalLog refusals = new RefusalLog(100, nanos::get, Scheduler.disabledScheduler(), Runnable::run,
                                                       RequestLog::summary);
    private final RequestLog log = new RequestLog(refusals);
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(level);
        logger.setAdditive(true);
    }

    @Test
    void aClientsRefusalsByARateLimitAreLoggedOnceAMinuteWithTheirNumber() throws Exception {
        for (int i = 1; i <= 50; i++) {
            answer("2001:db8:0:1::" + Integer.toHexString(i), 429);
        }
        answer("192.0.2.1", 429);
        answer("192.0.2.1", 429);

        assertThat(info()).containsExactly(
                "429 GET /api/accounts/me (client 2001:db8:0:1::/64: its further 429s in the next 60 s are counted, "
                        + "each at DEBUG)",
                "429 GET /api/accounts/me (client 192.0.2.1: its further 429s in the next 60 s are counted, each at "
                        + "DEBUG)");
        assertThat(lines.list).filteredOn(line -> line.getLevel() == Level.DEBUG).hasSize(50);

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        refusals.cleanUp();

        assertThat(info()).hasSize(4).contains(
                "429 x 49 more to client 2001:db8:0:1::/64 in the 60 s after its first (logged each at DEBUG)",
                "429 x 1 more to client 192.0.2.1 in the 60 s after its first (logged each at DEBUG)");

        answer("2001:db8:0:1::1", 429);
        assertThat(info()).as("a new minute: its first refusal is logged again").hasSize(5);
    }

    @Test
    void otherRefusalsAreEachLogged() throws Exception {
        for (int i = 0; i < 3; i++) {
            answer("192.0.2.1", 401);
        }
        assertThat(info()).hasSize(3).allMatch(line -> line.startsWith("401 GET /api/accounts/me"));
    }

    private List<String> info() {
        return lines.list.stream().filter(line -> line.getLevel() == Level.INFO)
                         .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void answer(String client, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/accounts/me");
        request.setRemoteAddr(client);
        log.doFilter(request, new MockHttpServletResponse(),
                     (req, res) -> ((HttpServletResponse) res).setStatus(status));
    }
}
