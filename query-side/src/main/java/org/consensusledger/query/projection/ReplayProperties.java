package org.consensusledger.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The rebuild of every read model from the log ({@code ledger.replay.*}), and the command-line replay
 * ({@code ledger.replay=true}).
 * <p>
 * Bound at {@code ledger}, with both names written out: {@code ledger.replay} is a value itself, and Spring cannot
 * bind a record at a name that holds a value ({@code --ledger.replay=true} would stop start-up). For the same reason
 * the batch size is checked here rather than by a constraint, whose message would name the property wrongly.
 *
 * @param replayOnly {@code ledger.replay}: this process is the command-line replay; it rebuilds the read models and
 *                   exits, and neither signs checkpoints nor checks itself meanwhile
 * @param batchSize  {@code ledger.replay.batch-size}: events read from the log, and handed to the read models, at a
 *                   time (at most; fewer on a small heap, {@link #batchSizeFor(long)})
 */
@ConfigurationProperties("ledger")
public record ReplayProperties(@Name("replay") @DefaultValue("false") boolean replayOnly,
                               @Name("replay.batch-size") @DefaultValue("5000") int batchSize) {

    public ReplayProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ledger.replay.batch-size must be at least 1, not " + batchSize);
        }
    }

    /**
     * Heap a replay may give each event it holds. A replay holds up to six batches at once (one being read, two read
     * ahead, two decoded ahead, one being handled), each event decoded with its stored document: a few kilobytes.
     */
    static final long HEAP_PER_HELD_EVENT = 64 * 1024;
    /** The smallest batch a small heap brings the replay down to. */
    static final int SMALLEST_BATCH = 100;

    /**
     * The batch size a replay uses with a heap of {@code maxHeapBytes}: the configured one, or fewer on a heap too
     * small to hold six batches of it with room to spare (5,000 events take a heap of 320 MB; on 128 MB, 2,048).
     */
    public int batchSizeFor(long maxHeapBytes) {
        long fits = Math.max(SMALLEST_BATCH, maxHeapBytes / HEAP_PER_HELD_EVENT);
        return (int) Math.min(batchSize, fits);
    }
}
