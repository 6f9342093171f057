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
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
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
 * process, writers queue; one of them leads and writes everybody's queued units of work, several to a document
 * ({@link CommitDocument}), the documents in one ordered {@code insertMany} (one round trip and one server commit for
 * many units of work) while the others wait to be woken. An ordered insert stops at the first failure, so a rejected
 * document never leaves a gap behind it.
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
     * Stores several units of work as one group, as if they had queued together (tests use it to reach every path
     * of a group deterministically): the outcome of each, in the order given.
     */
    List<CompletableFuture<Long>> appendTogether(List<PreparedCommit> commits) {
        List<Pending> group = commits.stream().map(Pending::new).toList();
        writeLock.lock();
        try {
            writeGroup(group);
        } finally {
            writeLock.unlock();
        }
        return group.stream().map(pending -> pending.result).toList();
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

    /**
     * Stores the group's commits, several units of work to a document (one insert, one server commit and one set of
     * index updates for all of them), the documents in one ordered {@code insertMany}. A rejected document never
     * leaves a gap: the documents before it are stored, its units that conflict are failed, and everything after it
     * is written again at the next free positions.
     */
    private void writeGroup(List<Pending> group) {
        long before = nextPosition;
        List<Pending> remaining = group;
        while (!remaining.isEmpty()) {
            if (nextPosition < 0) {
                nextPosition = reader.headFrom(headHint());
                before = nextPosition;
            }
            List<Pending> postponed = new ArrayList<>();
            List<List<Pending>> units = documents(remaining, postponed);
            List<BsonDocument> documents = new ArrayList<>(units.size());
            long position = nextPosition;
            for (List<Pending> document : units) {
                documents.add(CommitDocument.of(document.stream().map(pending -> pending.commit).toList(), position));
                position += events(document);
            }
            try {
                commits.insertMany(documents, new InsertManyOptions().ordered(true));
                units.forEach(this::completeStored);
                remaining = postponed;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    failUnknown(remaining, e);
                    return;
                }
                BulkWriteError error = e.getWriteErrors().get(0);
                int failed = error.getIndex();
                units.subList(0, failed).forEach(this::completeStored);
                List<Pending> retry = new ArrayList<>();
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    units.get(failed).forEach(pending -> pending.fail(new EventStoreException(
                            "The event log rejected a commit: " + error.getMessage(), e)));
                } else if (commits.find(Filters.eq(ID, nextPosition)).projection(Projections.include(ID))
                                  .first() != null) {
                    // Another process took this position: catch up with it and try again from here.
                    nextPosition = reader.headFrom(nextPosition);
                    retry.addAll(units.get(failed));
                } else {
                    retry.addAll(failConflicts(units.get(failed), e));
                }
                units.subList(failed + 1, units.size()).forEach(retry::addAll);
                retry.addAll(postponed);
                remaining = retry;
            } catch (MongoException e) {
                failUnknown(remaining, e);
                return;
            }
        }
        updateHeadHint(before);
    }

    /**
     * Splits the queued units into documents, in order. A unit with a stream key that an earlier unit of this write
     * also holds is postponed to the next write, where the unique index decides between them: which of two such
     * units may be stored depends on whether the earlier one is.
     */
    private static List<List<Pending>> documents(List<Pending> queued, List<Pending> postponed) {
        List<List<Pending>> documents = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Pending> current = new ArrayList<>();
        int events = 0;
        int bytes = 0;
        for (Pending pending : queued) {
            PreparedCommit commit = pending.commit;
            if (commit.streamKeys().stream().anyMatch(keys::contains)) {
                postponed.add(pending);
                continue;
            }
            keys.addAll(commit.streamKeys());
            if (!CommitDocument.fits(events, bytes, commit)) {
                documents.add(current);
                current = new ArrayList<>();
                events = 0;
                bytes = 0;
            }
            current.add(pending);
            events += commit.size();
            bytes += commit.byteSize();
        }
        if (!current.isEmpty()) {
            documents.add(current);
        }
        return documents;
    }

    private static long events(List<Pending> document) {
        long events = 0;
        for (Pending pending : document) {
            events += pending.commit.size();
        }
        return events;
    }

    /** One document stored: each of its units learns its first position; the document's end starts the next one. */
    private void completeStored(List<Pending> document) {
        for (Pending pending : document) {
            pending.complete(nextPosition);
            nextPosition += pending.commit.size();
        }
        storedHead = nextPosition;
        reader.rememberBoundary(nextPosition);
    }

    /** The outcome is unknown (e.g. a lost connection): forget the head, and let the callers see the failure. */
    private void failUnknown(List<Pending> pendings, MongoException cause) {
        nextPosition = -1;
        for (Pending pending : pendings) {
            pending.fail(new EventStoreException("Appending to the event log failed: " + cause.getMessage(), cause));
        }
    }

    /**
     * A document was rejected for a stream key that is taken: fails the units holding one with Axon's concurrency
     * exception and returns the others, to be written again. Should none of them hold a taken key (the index said
     * otherwise), they all fail rather than be retried without end.
     */
    private List<Pending> failConflicts(List<Pending> document, Exception cause) {
        List<String> keys = new ArrayList<>();
        document.forEach(pending -> keys.addAll(pending.commit.streamKeys()));
        Set<String> taken = new HashSet<>();
        for (BsonDocument stored : commits.find(Filters.in(STREAM_KEYS, keys))
                                          .projection(Projections.include(STREAM_KEYS))) {
            for (BsonValue key : stored.getArray(STREAM_KEYS)) {
                taken.add(key.asString().getValue());
            }
        }
        List<Pending> free = new ArrayList<>();
        for (Pending pending : document) {
            RuntimeException conflict = conflict(pending.commit, taken, cause);
            if (conflict != null) {
                pending.fail(conflict);
            } else {
                free.add(pending);
            }
        }
        if (free.size() == document.size()) {
            free.forEach(pending -> pending.fail(new ConcurrencyException(
                    "A concurrent change took a sequence number this commit needed", cause)));
            return List.of();
        }
        return free;
    }

    /** The exception for a unit of which a stream key is taken, or null when none is. */
    private static RuntimeException conflict(PreparedCommit commit, Set<String> taken, Exception cause) {
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
        return null;
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
