package org.consensusledger.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which 429 answers are worth a line of their own: a client's first in each {@link #WINDOW}; the others of that window
 * are counted, and the count handed to {@link Summary} once the window is over (an IPv6 client counted by its /64, as
 * {@link ClientAddress} keys it). So a locked-out client, or a script that ignores {@code Retry-After}, writes two
 * lines a minute however often it knocks. At most {@code trackedKeys} clients are kept; one dropped early has its
 * count handed over at once.
 */
final class RefusalLog {

    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Receives, once a client's window is over, how many more refusals it had after the first. */
    interface Summary {
        void more(String client, long refusals);
    }

    private final Cache<String, AtomicLong> windows;

    RefusalLog(int trackedKeys, Summary summary) {
        this(trackedKeys, Ticker.systemTicker(), Scheduler.systemScheduler(), ForkJoinPool.commonPool(), summary);
    }

    /** With the ticker, scheduler and executor a test gives, so that a window passes at once. */
    RefusalLog(int trackedKeys, Ticker ticker, Scheduler scheduler, Executor executor, Summary summary) {
        this.windows = Caffeine.newBuilder().maximumSize(trackedKeys).expireAfterWrite(WINDOW)
                               .ticker(ticker).scheduler(scheduler).executor(executor)
                               .<String, AtomicLong>removalListener((client, refusals, cause) -> {
                                   if (cause.wasEvicted() && client != null && refusals != null
                                           && refusals.get() > 0) {
                                       summary.more(client, refusals.get());
                                   }
                               })
                               .build();
    }

    /** Notes a refusal of {@code client}: true when it is the first of its window (log it), else it is counted. */
    boolean first(String client) {
        AtomicBoolean created = new AtomicBoolean();
        AtomicLong refusals = windows.get(client, absent -> {
            created.set(true);
            return new AtomicLong();
        });
        if (created.get()) {
            return true;
        }
        refusals.incrementAndGet();
        return false;
    }

    /** Hands over the counts of the windows that are over now (Caffeine does it anyway as the cache is used). */
    void cleanUp() {
        windows.cleanUp();
    }
}
