package org.consensusledger.query.projection;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this instance's read models were rebuilt, for everything kept from them: the site's pages and their ETags,
 * the API's ETags and rendered JSON, the organisations' names. A document's position says which event it reflects,
 * not what it holds: a read model repaired by a replay (or by any reset of a processor) holds the same positions with
 * other contents, so a cache keyed by positions alone would go on serving what was there before. Every projection's
 * {@code @ResetHandler} says so {@linkplain #cleared once it has emptied its read models}, and a replay of every read
 * model {@linkplain #finished once it is done}: each moves the {@linkplain #generation() generation} on and drops the
 * caches that listen. The generation is this instance's: a replay needs every other instance's processors stopped
 * (see {@code Replays}), and an instance that starts has no cache yet.
 */
@Component
public class Rebuilds {

    /** This instance's start, so that a generation is never the same as one of an earlier run. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong generation = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A projection emptied its read models, to rebuild them from the log. */
    public void cleared() {
        moveOn();
    }

    /** A replay of every read model is done: what was kept while it ran is dropped too. */
    public void finished() {
        moveOn();
    }

    /** How many times read models were emptied or a replay finished here; 0 until then. */
    public long generation() {
        return generation.get();
    }

    /**
     * What to add to a version or an {@code ETag} built from positions: nothing until a read model was rebuilt here
     * (so tags stay as they were from one run to the next), then this run's start and the generation.
     */
    public String tag() {
        long now = generation.get();
        return now == 0 ? "" : "r" + run + "." + now;
    }

    /** A version or {@code ETag} of a document at {@code position}: the position, then {@link #tag()} if any. */
    public String version(long position) {
        return version(position, tag());
    }

    /** The same, with a {@link #tag()} read before the document was. */
    public static String version(long position, String tag) {
        return tag.isEmpty() ? Long.toString(position) : position + "-" + tag;
    }

    /** Runs {@code drop} each time read models were rebuilt (a cache empties itself). */
    public void onRebuild(Runnable drop) {
        listeners.add(drop);
    }

    private void moveOn() {
        generation.incrementAndGet();
        listeners.forEach(Runnable::run);
    }
}
