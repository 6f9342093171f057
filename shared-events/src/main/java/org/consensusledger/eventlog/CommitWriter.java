package org.consensusledger.eventlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.consensusledger.eventlog.EventLogSchema.ID;
import static org.consensusledger.eventlog.EventLogSchema.STREAM_KEYS;

/**
 * Appends commits at the next global positions, with group commit.
 *
 * <p>Positions are claimed optimistically: a commit is inserted with {@code _id} = the next position; the unique
 * {@code _id} lets exactly one writer in any number of processes take it, and since the next position can only be
 * computed by someone who has seen the commit before it, positions are gap-free and never reordered. Within one
 * process, writers queue; one of them leads and writes everybody's queued commits in one ordered {@code insertMany}
 * (one round trip and one server commit for many units of work) while the others wait to be woken. An ordered
 * insert stops at the first failure, so a rejected commit never leaves a gap behind it.
 */
final class CommitWriter {

    private static final Logger LOGGER = LoggerFactory.getLogger(CommitWriter.class);
    private static final int MAX_GROUP = 256;
    /** A waiter is woken when its commit is stored or it may lead; this only bounds a missed wake-up. */
    private static final long MAX_WAIT_NANOS = 1_000_000;
    private static final long HEAD_HINT_EVERY = 1024;
    static final String HEAD_HINT_ID = "head";
    static final String HEAD_HINT_FIELD = "position";

    private final MongoCollection<BsonDocument> commits;
    private final MongoCollection<BsonDocument> meta;
    private final CommitReader reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** The next free position as this process last saw it; -1 when unknown. Guarded by {@link #writeLock}. */
    private long nextPosition = -1;
    /** The end of the last commit this process stored, for readers of the head; -1 before the first. */
    private volatile long storedHead = -1;

    CommitWriter(MongoCollection<BsonDocument> commits, MongoCollection<BsonDocument> meta, CommitReader reader) {
        this.commits = commits;
        this.meta = meta;
        this.reader = reader;
    }

    /** Stores the commit and returns the global position of its first event once the database acknowledged it. */
    long append(PreparedCommit commit) {
        Pending pending = new Pending(commit);
        queue.add(pending);
        while (!pending.result.isDone()) {
            if (writeLock.tryLock()) {
                try {
                    // Lead: write whatever is queued, including what arrives meanwhile, until ours is stored.
                    while (!pending.result.isDone()) {
                        List<Pending> group = drain();
                        if (group.isEmpty()) {
                            break;
                        }
                        writeGroup(group);
                    }
                } finally {
                    writeLock.unlock();
                }
                // Whoever queued during our last write now leads; wake them rather than let them time out.
                Pending next = queue.peek();
                if (next != null) {
                    next.wake();
                }
            } else {
                // Someone else leads and will store this commit too, or hand over: wait to be woken.
                LockSupport.parkNanos(this, MAX_WAIT_NANOS);
            }
        }
        try {
            return pending.result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EventStoreException("Appending to the event log failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("Interrupted while appending to the event log", e);
        }
    }

    /**
     * The next free global position, read from the database (another process may have appended). Walks forward from
     * the last commit boundary this process stored, without the write lock, so a health check never holds up appends.
     */
    long head() {
        long known = storedHead;
        return reader.headFrom(known >= 0 ? known : headHint());
    }

    private List<Pending> drain() {
        List<Pending> group = new ArrayList<>();
        Pending next;
        while (group.size() < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void writeGroup(List<Pending> group) {
        long before = nextPosition;
        int start = 0;
        while (start < group.size()) {
            if (nextPosition < 0) {
                nextPosition = reader.headFrom(headHint());
                before = nextPosition;
            }
            List<BsonDocument> documents = new ArrayList<>(group.size() - start);
            long position = nextPosition;
            for (int i = start; i < group.size(); i++) {
                documents.add(group.get(i).commit.toDocument(position));
                position += group.get(i).commit.size();
            }
            try {
                commits.insertMany(documents, new InsertManyOptions().ordered(true));
                completeStored(group, start, group.size());
                start = group.size();
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    failUnknown(group, start, e);
                    return;
                }
                BulkWriteError error = e.getWriteErrors().get(0);
                int failed = start + error.getIndex();
                completeStored(group, start, failed);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    group.get(failed).fail(new EventStoreException(
                            "The event log rejected a commit: " + error.getMessage(), e));
                } else if (commits.find(Filters.eq(ID, nextPosition)).projection(Projections.include(ID))
                                  .first() != null) {
                    // Another process took this position: catch up with it and try again from here.
                    nextPosition = reader.headFrom(nextPosition);
                    start = failed;
                    continue;
                } else {
                    group.get(failed).fail(conflict(group.get(failed).commit, e));
                }
                start = failed + 1;
            } catch (MongoException e) {
                failUnknown(group, start, e);
                return;
            }
        }
        updateHeadHint(before);
    }

    private void completeStored(List<Pending> group, int fromInclusive, int toExclusive) {
        for (int i = fromInclusive; i < toExclusive; i++) {
            Pending pending = group.get(i);
            pending.complete(nextPosition);
            nextPosition += pending.commit.size();
            storedHead = nextPosition;
            reader.rememberBoundary(nextPosition);
        }
    }

    /** The outcome is unknown (e.g. a lost connection): forget the head, and let the callers see the failure. */
    private void failUnknown(List<Pending> group, int fromInclusive, MongoException cause) {
        nextPosition = -1;
        for (int i = fromInclusive; i < group.size(); i++) {
            group.get(i).fail(new EventStoreException("Appending to the event log failed: " + cause.getMessage(),
                                                      cause));
        }
    }

    private RuntimeException conflict(PreparedCommit commit, Exception cause) {
        List<String> taken = new ArrayList<>();
        for (BsonDocument stored : commits.find(Filters.in(STREAM_KEYS, commit.streamKeys()))
                                          .projection(Projections.include(STREAM_KEYS))) {
            for (BsonValue key : stored.getArray(STREAM_KEYS)) {
                taken.add(key.asString().getValue());
            }
        }
        for (EventMessage<?> message : commit.messages()) {
            if (message instanceof DomainEventMessage<?> domain && taken.contains(
                    EventLogSchema.streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber()))) {
                if (domain.getSequenceNumber() == 0) {
                    return new AggregateStreamCreationException(
                            "Cannot create aggregate " + domain.getAggregateIdentifier() + " of type "
                                    + domain.getType() + ": an aggregate with that identifier already exists", cause);
                }
                return new ConcurrencyException("Aggregate " + domain.getAggregateIdentifier()
                                                        + " already has an event at sequence number "
                                                        + domain.getSequenceNumber()
                                                        + ": it was changed concurrently", cause);
            }
        }
        return new ConcurrencyException("A concurrent change took a sequence number this commit needed", cause);
    }

    private long headHint() {
        BsonDocument hint = meta.find(Filters.eq(ID, HEAD_HINT_ID)).first();
        return hint == null ? 0 : hint.getInt64(HEAD_HINT_FIELD).getValue();
    }

    private void updateHeadHint(long before) {
        if (nextPosition >= 0 && before >= 0 && nextPosition / HEAD_HINT_EVERY != before / HEAD_HINT_EVERY) {
            try {
                meta.updateOne(Filters.eq(ID, HEAD_HINT_ID), Updates.max(HEAD_HINT_FIELD, nextPosition),
                               new UpdateOptions().upsert(true));
            } catch (MongoException e) {
                // Only a hint: the commits are stored, and a later start walks forward from an older hint.
                LOGGER.warn("Could not update the event log's head hint: {}", e.getMessage());
            }
        }
    }

    private static final class Pending {
        private final PreparedCommit commit;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private final Thread waiter = Thread.currentThread();

        private Pending(PreparedCommit commit) {
            this.commit = commit;
        }

        private void complete(long firstPosition) {
            result.complete(firstPosition);
            wake();
        }

        private void fail(RuntimeException failure) {
            result.completeExceptionally(failure);
            wake();
        }

        private void wake() {
            LockSupport.unpark(waiter);
        }
    }
}
