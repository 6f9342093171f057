package org.consensusledger.eventlog.spring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One log line per distinct failure: a warning or an error that repeats (the same logger and words, or the same
 * message pattern with the same root cause: an event processor retrying, every request refused while the database
 * cannot store) is written the first time, with its cause, then counted, and the count is written once per
 * {@code window} ("Repeated 57 more times since it was last written or counted: …") and when
 * {@link #summariseNow()} is called (on recovery). A line that has not come back for two windows in a row is written
 * in full again the next time. A full disk
 * used to fill the log with about a thousand stack traces (6 MB) in 15 seconds.
 */
final class RepeatedLogLines extends TurboFilter {

    /** Marks the summaries, which pass unfiltered. */
    static final Marker SUMMARY = MarkerFactory.getMarker("REPEATS_SUMMARY");
    /** Distinct lines followed at most; beyond, new lines pass unfiltered. */
    private static final int MAX_LINES = 1000;
    private static final int MAX_SHOWN = 300;

    private final Duration window;
    private final Map<String, Repeats> lines = new ConcurrentHashMap<>();

    private static final class Repeats {
        final Logger logger;
        final Level level;
        final String shown;
        final AtomicLong count = new AtomicLong();
        /** Windows in a row without a repeat. */
        int quiet;

        Repeats(Logger logger, Level level, String shown) {
            this.logger = logger;
            this.level = level;
            this.shown = shown;
        }
    }

    RepeatedLogLines(Duration window) {
        this.window = window;
        setName("repeated-log-lines");
    }

    Duration window() {
        return window;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || format == null || marker == SUMMARY
                || logger == null) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t != null ? t : params != null && params.length > 0
                && params[params.length - 1] instanceof Throwable last ? last : null;
        String words = thrown == null ? MessageFormatter.arrayFormat(format, params).getMessage()
                : format + " (" + rootCause(thrown) + ")";
        String key = logger.getName() + '|' + level + '|' + words;
        Repeats seen = lines.get(key);
        if (seen == null) {
            if (lines.size() < MAX_LINES) {
                lines.putIfAbsent(key, new Repeats(logger, level, shorten(words)));
            }
            return FilterReply.NEUTRAL;
        }
        seen.count.incrementAndGet();
        return FilterReply.DENY;
    }

    /** Writes the counts of the lines repeated since the last summary, and forgets those quiet for a window. */
    void summariseNow() {
        lines.entrySet().removeIf(entry -> {
            Repeats repeats = entry.getValue();
            long count = repeats.count.getAndSet(0);
            if (count == 0) {
                return ++repeats.quiet > 1;
            }
            repeats.quiet = 0;
            String summary = "Repeated {} more times since it was last written or counted: {}";
            if (repeats.level.isGreaterOrEqual(Level.ERROR)) {
                repeats.logger.error(SUMMARY, summary, count, repeats.shown);
            } else {
                repeats.logger.warn(SUMMARY, summary, count, repeats.shown);
            }
            return false;
        });
    }

    private static String rootCause(Throwable thrown) {
        Throwable root = thrown;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }

    private static String shorten(String words) {
        return words.length() <= MAX_SHOWN ? words : words.substring(0, MAX_SHOWN) + "…";
    }
}
