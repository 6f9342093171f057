package org.consensusledger.eventlog.spring;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Puts {@link RepeatedLogLines} in the application's logback for as long as the application runs. */
final class RepeatedLogLinesRegistration implements InitializingBean, DisposableBean {

    private final RepeatedLogLines filter;
    private ScheduledExecutorService summaries;
    private LoggerContext context;

    RepeatedLogLinesRegistration(RepeatedLogLines filter) {
        this.filter = filter;
    }

    @Override
    public void afterPropertiesSet() {
        if (filter.window().isZero() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return;
        }
        context = logback;
        filter.setContext(logback);
        filter.start();
        logback.addTurboFilter(filter);
        summaries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "log-repeats-summary");
            thread.setDaemon(true);
            return thread;
        });
        long every = filter.window().toMillis();
        summaries.scheduleWithFixedDelay(filter::summariseNow, every, every, TimeUnit.MILLISECONDS);
    }

    /** Writes the counts now (the failure they repeat is over). */
    void summariseNow() {
        if (context != null) {
            filter.summariseNow();
        }
    }

    @Override
    public void destroy() {
        if (context == null) {
            return;
        }
        summaries.shutdownNow();
        context.getTurboFilterList().remove(filter);
        filter.summariseNow();
        filter.stop();
    }
}
