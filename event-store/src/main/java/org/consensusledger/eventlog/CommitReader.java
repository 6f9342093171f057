package org.consensusledger.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.consensusledger.eventlog.EventLogSchema.AGGREGATE_ID;
import static org.consensusledger.eventlog.EventLogSchema.EVENTS;
import static org.consensusledger.eventlog.EventLogSchema.ID;
import static org.consensusledger.eventlog.EventLogSchema.POSITION;
import static org.consensusledger.eventlog.EventLogSchema.SEQUENCE;
import static org.consensusledger.eventlog.EventLogSchema.SIZE;
import static org.consensusledger.eventlog.EventLogSchema.STREAM_KEYS;
import static org.consensusledger.eventlog.EventLogSchema.TIMESTAMP;

/**
 * Every read of the log is an equality or {@code $in} lookup on a single-field unique key ({@code _id} or the stream
 * keys), which any MongoDB, embedded or real, answers from an index. Gap-free positions make that possible: the next
 * events after position p are the commits whose first position lies in [p, p + n).
 */
final class CommitReader {

    /** How far back to look for the commit that holds a position in its middle, before falling back to a range. */
    static final int BACKWARD_PROBE = 64;
    private static final int HEAD_WINDOW = 128;
    private static final int KNOWN_BOUNDARIES = 4096;

    private final MongoCollection<BsonDocument> commits;
    /** Positions known to start a commit (or to be the head): a resumed reader at such a position needs no probe. */
    private final Set<Long> boundaries = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > KNOWN_BOUNDARIES;
                }
            }));

    CommitReader(MongoCollection<BsonDocument> commits) {
        this.commits = commits;
    }

    void rememberBoundary(long position) {
        boundaries.add(position);
    }

    /**
     * Events from global position {@code from} on, at least {@code batchSize} positions' worth when the log holds
     * them, in order and without a gap: the result stops before the first position that is not (yet) visible.
     */
    List<BsonDocument> eventsFrom(long from, int batchSize) {
        List<BsonDocument> window = sortedById(commits.find(Filters.in(ID, range(from, from + batchSize))));
        BsonDocument first = window.isEmpty() ? null : window.get(0);
        if (first == null || id(first) != from) {
            BsonDocument covering = commitCovering(from);
            if (covering != null) {
                window.add(0, covering);
            }
        }
        List<BsonDocument> events = new ArrayList<>();
        long expected = from;
        for (BsonDocument commit : window) {
            if (id(commit) > expected) {
                break; // not visible yet: never skip over a position
            }
            for (BsonValue value : commit.getArray(EVENTS)) {
                BsonDocument event = value.asDocument();
                long position = event.getInt64(POSITION).getValue();
                if (position == expected) {
                    events.add(event);
                    expected++;
                }
            }
            boundaries.add(expected);
        }
        return events;
    }

    /** The commit that starts before {@code position} and holds it, or null when {@code position} starts a commit. */
    private BsonDocument commitCovering(long position) {
        if (position == 0 || boundaries.contains(position)) {
            return null;
        }
        long lowest = Math.max(0, position - BACKWARD_PROBE);
        List<BsonDocument> before = sortedById(commits.find(Filters.in(ID, range(lowest, position)))
                                                      .projection(Projections.include(ID, SIZE)));
        BsonDocument nearest = before.isEmpty() ? null : before.get(before.size() - 1);
        if (nearest == null && lowest > 0) {
            // A commit of more than BACKWARD_PROBE events, or an empty stretch: ask for the nearest start (rare).
            nearest = commits.find(Filters.lt(ID, position)).sort(Sorts.descending(ID))
                             .projection(Projections.include(ID, SIZE)).first();
        }
        if (nearest != null && id(nearest) + size(nearest) > position) {
            return commits.find(Filters.eq(ID, id(nearest))).first();
        }
        boundaries.add(position);
        return null;
    }

    /** The next free global position, found by walking forward from a position known to start a commit. */
    long headFrom(long knownBoundary) {
        long head = knownBoundary;
        while (true) {
            List<BsonDocument> window = sortedById(commits.find(Filters.in(ID, range(head, head + HEAD_WINDOW)))
                                                          .projection(Projections.include(ID, SIZE)));
            if (window.isEmpty()) {
                boundaries.add(head);
                return head;
            }
            for (BsonDocument commit : window) {
                if (id(commit) != head) {
                    throw new IllegalStateException("The event log has a gap: no commit starts at position " + head
                                                            + " but one starts at " + id(commit));
                }
                head += size(commit);
            }
        }
    }

    /**
     * The events of one aggregate from {@code firstSequence}, covering at least the next {@code batchSize} sequence
     * numbers when it has them, in sequence order.
     */
    List<BsonDocument> aggregateEvents(String aggregateId, long firstSequence, int batchSize) {
        List<String> keys = LongStream.range(firstSequence, firstSequence + batchSize)
                                      .mapToObj(sequence -> EventLogSchema.streamKey(aggregateId, sequence))
                                      .toList();
        TreeMap<Long, BsonDocument> bySequence = new TreeMap<>();
        for (BsonDocument commit : commits.find(Filters.in(STREAM_KEYS, keys))) {
            for (BsonValue value : commit.getArray(EVENTS)) {
                BsonDocument event = value.asDocument();
                if (event.containsKey(AGGREGATE_ID) && aggregateId.equals(event.getString(AGGREGATE_ID).getValue())) {
                    long sequence = event.getInt64(SEQUENCE).getValue();
                    if (sequence >= firstSequence) {
                        bySequence.put(sequence, event);
                    }
                }
            }
        }
        return new ArrayList<>(bySequence.values());
    }

    /** The highest sequence number stored for an aggregate, or -1; reads stream keys only, never payloads. */
    long lastSequence(String aggregateId, int batchSize) {
        String prefix = aggregateId + ':';
        long last = -1;
        while (true) {
            long from = last + 1;
            List<String> keys = LongStream.range(from, from + batchSize)
                                          .mapToObj(sequence -> EventLogSchema.streamKey(aggregateId, sequence))
                                          .toList();
            long found = last;
            for (BsonDocument commit : commits.find(Filters.in(STREAM_KEYS, keys))
                                              .projection(Projections.include(STREAM_KEYS))) {
                for (BsonValue key : commit.getArray(STREAM_KEYS)) {
                    String text = key.asString().getValue();
                    if (text.startsWith(prefix) && text.lastIndexOf(':') == prefix.length() - 1) {
                        found = Math.max(found, Long.parseLong(text.substring(prefix.length())));
                    }
                }
            }
            if (found < from + batchSize - 1) {
                return found;
            }
            last = found;
        }
    }

    /** The global position of the first event stored with a timestamp at or after {@code instant}, if any. */
    Long firstPositionAtOrAfter(Instant instant) {
        String stored = StoredTimestamps.format(instant);
        Bson filter = Filters.gte(EVENTS + "." + TIMESTAMP, stored);
        BsonDocument commit = commits.find(filter).sort(Sorts.ascending(ID)).first();
        if (commit == null) {
            return null;
        }
        for (BsonValue value : commit.getArray(EVENTS)) {
            BsonDocument event = value.asDocument();
            if (event.getString(TIMESTAMP).getValue().compareTo(stored) >= 0) {
                return event.getInt64(POSITION).getValue();
            }
        }
        return null;
    }

    static long id(BsonDocument commit) {
        return commit.getInt64(ID).getValue();
    }

    static int size(BsonDocument commit) {
        return commit.getInt32(SIZE).getValue();
    }

    private static List<Long> range(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    private static List<BsonDocument> sortedById(Iterable<BsonDocument> documents) {
        // Deduplicated: a multikey $in may return a commit once per matching key on some servers.
        TreeMap<Long, BsonDocument> byId = new TreeMap<>();
        for (BsonDocument document : documents) {
            byId.put(id(document), document);
        }
        return new ArrayList<>(byId.values());
    }
}
