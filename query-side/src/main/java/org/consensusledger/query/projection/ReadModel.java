package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistries;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.eventlog.spring.WritesFirstTokenStore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

/**
 * One read model's documents, one per key, each stamped with the global position of the last event applied to it.
 * Applying an event at or before that position changes nothing, so a replay, or an event seen twice, is harmless.
 * Every read and write is by {@code _id}, which any MongoDB answers from its index. One thread at a time updates a
 * document (see {@link ProjectionSetup}). Instants are kept exact, to the nanosecond, as in the log.
 * <p>
 * Inside an event processor's batch (an Axon unit of work), a document is read at most once and written at most
 * once: changes collect in the batch and are written together, in one bulk write, when the batch commits — always
 * before its token is stored ({@link WritesFirstTokenStore}), so a processor's position never passes an event whose
 * changes are not stored. A crash before the token is stored makes the processor handle the batch again, which
 * changes nothing where its changes were already stored. Outside a unit of work, each change is written at once.
 * <p>
 * A rebuild from position 0 (see {@link Rebuild}) goes further: it starts from empty read models and is their only
 * writer, so it knows which documents exist without asking, and keeps the recently changed ones in memory from one
 * batch to the next, writing them when they leave it.
 */
public final class ReadModel<D extends Positioned<D>> {

    private final MongoCollection<D> documents;
    private final String batchKey = ReadModel.class.getName() + "@" + System.identityHashCode(this);

    public ReadModel(MongoCollection<D> documents) {
        this.documents = documents.withCodecRegistry(CodecRegistries.fromRegistries(
                CodecRegistries.fromCodecs(new ExactInstantCodec()), documents.getCodecRegistry()));
    }

    /** The stored document (changes of a batch still running are not visible here). */
    public Optional<D> find(String id) {
        return Optional.ofNullable(documents.find(Filters.eq("_id", id)).first());
    }

    /** The stored documents with these ids, by id, in one read. */
    public Map<String, D> findAll(Collection<String> ids) {
        Map<String, D> found = new HashMap<>();
        if (!ids.isEmpty()) {
            documents.find(Filters.in("_id", ids)).forEach(document -> found.put(document.id(), document));
        }
        return found;
    }

    /** Every stored document's id and the position it reflects, read without the documents. */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new HashMap<>();
        documents.withDocumentClass(Document.class).find().projection(Projections.include("position"))
                 .forEach(found -> positions.put(String.valueOf(found.get("_id")),
                                                 ((Number) found.get("position")).longValue()));
        return positions;
    }

    /** Creates the document if the event is new to it (the event that starts it). */
    public void create(TrackingToken token, D document) {
        long position = position(token);
        Shadow shadow = shadow();
        if (shadow != null) {
            shadow.create(this, document.at(position));
            return;
        }
        Batch<D> batch = batch();
        if (batch == null) {
            if (find(document.id()).isEmpty()) {
                documents.replaceOne(Filters.eq("_id", document.id()), document.at(position),
                                     new ReplaceOptions().upsert(true));
            }
        } else if (batch.current(document.id()).isEmpty()) {
            batch.put(document.at(position));
        }
    }

    /**
     * Applies the change to the document if the event is newer than what it holds; unknown documents stay unknown,
     * and a change that returns the same document (an event that does not concern it) writes nothing.
     */
    public void update(TrackingToken token, String id, UnaryOperator<D> change) {
        long position = position(token);
        Shadow shadow = shadow();
        if (shadow != null) {
            shadow.update(this, id, position, change);
            return;
        }
        Batch<D> batch = batch();
        Optional<D> current = batch == null ? find(id) : batch.current(id);
        current.filter(found -> found.position() < position).ifPresent(found -> {
            D changed = change.apply(found);
            if (changed == found) {
                return;
            }
            if (batch == null) {
                documents.replaceOne(Filters.eq("_id", id), changed.at(position));
            } else {
                batch.put(changed.at(position));
            }
        });
    }

    /**
     * Empties the read model, before it is rebuilt from position 0: the collection is dropped and its indexes made
     * again as they were (cheaper than deleting every document, on MongoDB and on the embedded server, whose
     * collections otherwise keep the room of what was deleted).
     */
    public void clear() {
        List<Document> indexes = documents.listIndexes().into(new ArrayList<>());
        documents.drop();
        for (Document index : indexes) {
            Document keys = index.get("key", Document.class);
            if (keys == null || keys.keySet().equals(Set.of("_id"))) {
                continue;
            }
            IndexOptions options = new IndexOptions().name(index.getString("name"))
                                                     .unique(Boolean.TRUE.equals(index.getBoolean("unique")))
                                                     .sparse(Boolean.TRUE.equals(index.getBoolean("sparse")));
            documents.createIndex(keys, options);
        }
    }

    /** The position a document reflects, read without the document; empty if there is none. */
    public OptionalLong positionOf(String id) {
        Document found = documents.withDocumentClass(Document.class).find(Filters.eq("_id", id))
                                  .projection(Projections.include("position")).first();
        return found == null ? OptionalLong.empty() : OptionalLong.of(((Number) found.get("position")).longValue());
    }

    public MongoCollection<D> collection() {
        return documents;
    }

    private static Shadow shadow() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(Shadow.KEY) : null;
    }

    private Batch<D> batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch<D> batch = unitOfWork.getResource(batchKey);
        if (batch == null) {
            Rebuild rebuild = unitOfWork.getResource(Rebuild.KEY);
            batch = new Batch<>(this, rebuild == null ? null : rebuild.memory(this));
            unitOfWork.resources().put(batchKey, batch);
            WritesFirstTokenStore.beforeToken(batch::flush);
        }
        return batch;
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("Every event of the log has a position"));
    }

    /** The documents one batch has read or changed; the changed ones are written when it commits. */
    private static final class Batch<D extends Positioned<D>> {

        private final ReadModel<D> model;
        private final Memory<D> memory;
        private final Map<String, Optional<D>> seen = new LinkedHashMap<>();
        private final Map<String, D> changed = new LinkedHashMap<>();

        Batch(ReadModel<D> model, Memory<D> memory) {
            this.model = model;
            this.memory = memory;
        }

        Optional<D> current(String id) {
            return seen.computeIfAbsent(id, this::load);
        }

        private Optional<D> load(String id) {
            return memory == null ? model.find(id) : memory.load(id);
        }

        void put(D document) {
            seen.put(document.id(), Optional.of(document));
            changed.put(document.id(), document);
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            if (memory == null) {
                model.write(changed.values(), Set.of());
            } else {
                changed.values().forEach(memory::keep);
                memory.writeEvicted();
            }
            changed.clear();
        }
    }

    /**
     * Writes the documents in one unordered bulk write: inserts those known to be new, replaces the others. If that
     * fails, they are written one at a time, oldest first, so that the failure names the document and the position
     * of the event it was last changed by ({@link EventNotProjected}); the ones written meanwhile are harmless, as
     * every document says which event it reflects.
     */
    private void write(Collection<D> changed, Set<String> knownNew) {
        try {
            documents.bulkWrite(writeModels(changed, knownNew), new BulkWriteOptions().ordered(false));
        } catch (RuntimeException failed) {
            List<D> oldestFirst = new ArrayList<>(changed);
            oldestFirst.sort(Comparator.comparingLong(Positioned::position));
            for (D document : oldestFirst) {
                try {
                    documents.bulkWrite(writeModels(List.of(document), Set.of()));
                } catch (RuntimeException e) {
                    throw new EventNotProjected(document.position(), "its change to " + collectionName() + " "
                            + document.id() + " could not be stored", e);
                }
            }
            throw failed;
        }
    }

    private List<WriteModel<D>> writeModels(Collection<D> changed, Set<String> knownNew) {
        List<WriteModel<D>> writes = new ArrayList<>(changed.size());
        changed.forEach(document -> writes.add(
                knownNew.contains(document.id())
                        ? new InsertOneModel<>(document)
                        : new ReplaceOneModel<>(Filters.eq("_id", document.id()), document,
                                                new ReplaceOptions().upsert(true))));
        return writes;
    }

    /** The collection's name, for messages. */
    public String collectionName() {
        return documents.getNamespace().getCollectionName();
    }

    /**
     * Read models derived again from the log, in memory, beside the stored ones: the self-check hands events to the
     * projections' own handlers in a unit of work holding a shadow (the resource {@link #KEY}), and their creates and
     * updates change the shadow's documents instead of the stored ones, with the same rules (an event at or before a
     * document's position changes nothing; an unknown document stays unknown). Comparing the shadow's documents with
     * the stored ones shows any that differ from what the log says. A document can be {@linkplain #settle settled}
     * once compared: it leaves memory, and later events leave it alone.
     */
    public static final class Shadow {

        public static final String KEY = Shadow.class.getName();

        private final Map<ReadModel<?>, Map<String, Positioned<?>>> documents = new LinkedHashMap<>();
        private final Map<ReadModel<?>, String> owners = new LinkedHashMap<>();
        private final Map<ReadModel<?>, Set<String>> touched = new LinkedHashMap<>();
        private final Map<ReadModel<?>, Set<String>> settled = new LinkedHashMap<>();
        private String processor;

        /** The documents derived and not settled, per read model, by id. */
        public Map<ReadModel<?>, Map<String, Positioned<?>>> documents() {
            return documents;
        }

        /** The handlers called next are this processor's: the read models they change are its. */
        public void working(String processorName) {
            this.processor = processorName;
        }

        /** The processor that keeps each read model the shadow has seen. */
        public Map<ReadModel<?>, String> owners() {
            return owners;
        }

        /** The documents created or changed since the last call, per read model. */
        public Map<ReadModel<?>, Set<String>> takeTouched() {
            Map<ReadModel<?>, Set<String>> taken = new LinkedHashMap<>(touched);
            touched.clear();
            return taken;
        }

        /** Forgets a compared document; events after this leave it alone. */
        public void settle(ReadModel<?> model, String id) {
            Map<String, Positioned<?>> derived = documents.get(model);
            if (derived != null) {
                derived.remove(id);
            }
            settled.computeIfAbsent(model, key -> new HashSet<>()).add(id);
        }

        /** The ids of the settled documents of a read model. */
        public Set<String> settled(ReadModel<?> model) {
            return settled.getOrDefault(model, Set.of());
        }

        private boolean isSettled(ReadModel<?> model, String id) {
            Set<String> ids = settled.get(model);
            return ids != null && ids.contains(id);
        }

        private void touch(ReadModel<?> model, String id) {
            if (processor != null) {
                owners.putIfAbsent(model, processor);
            }
            touched.computeIfAbsent(model, key -> new LinkedHashSet<>()).add(id);
        }

        private <D extends Positioned<D>> void create(ReadModel<D> model, D document) {
            if (isSettled(model, document.id())) {
                return;
            }
            if (documents.computeIfAbsent(model, key -> new LinkedHashMap<>())
                         .putIfAbsent(document.id(), document) == null) {
                touch(model, document.id());
            }
        }

        @SuppressWarnings("unchecked")
        private <D extends Positioned<D>> void update(ReadModel<D> model, String id, long position,
                                                      UnaryOperator<D> change) {
            if (isSettled(model, id)) {
                return;
            }
            Map<String, Positioned<?>> derived = documents.computeIfAbsent(model, key -> new LinkedHashMap<>());
            D found = (D) derived.get(id);
            if (found != null && found.position() < position) {
                D changed = change.apply(found);
                if (changed != found) {
                    derived.put(id, changed.at(position));
                    touch(model, id);
                }
            }
        }
    }

    /**
     * What a rebuild from position 0 knows across its batches. The read models were emptied before it began and
     * nothing else writes to them while it runs, so a document it has not written does not exist, and the documents
     * it changed last can stay in memory (up to {@code recentDocuments} per read model) until they are pushed out
     * or the rebuild {@linkplain #finish() finishes}: most events change documents that recent events changed, so a
     * document is mostly written once, whole, and looked up never. Each read model's documents are written by a
     * thread of its own, in the order they left memory, while the rebuild goes on (a document being written is
     * still found in memory until its write is acknowledged); {@link #finish()} writes what is left of every read
     * model at once and waits for all of it. A reader may see a read model behind the rebuild while it runs, as
     * with any replay. Hand it to the rebuild's units of work as the resource {@link #KEY}, and {@link #close()} it.
     */
    public static final class Rebuild implements AutoCloseable {

        public static final String KEY = Rebuild.class.getName();

        private final int recentDocuments;
        private final Map<ReadModel<?>, Memory<?>> memories = new IdentityHashMap<>();

        public Rebuild(int recentDocuments) {
            this.recentDocuments = recentDocuments;
        }

        @SuppressWarnings("unchecked")
        synchronized <D extends Positioned<D>> Memory<D> memory(ReadModel<D> model) {
            return (Memory<D>) memories.computeIfAbsent(model, key -> new Memory<>(model, recentDocuments));
        }

        /**
         * Writes every document still only in memory and waits until every write has been acknowledged; the read
         * models are then complete up to the last batch.
         *
         * @throws IllegalStateException when a write failed
         */
        public synchronized void finish() {
            memories.values().forEach(Memory::writeAll);
            memories.values().forEach(Memory::awaitWritten);
            close();
        }

        /** Stops the writing threads (a rebuild that failed leaves its read models to be rebuilt again). */
        @Override
        public synchronized void close() {
            memories.values().forEach(Memory::close);
            memories.clear();
        }
    }

    private static final class Memory<D extends Positioned<D>> {

        private static final int WRITE_CHUNK = 1_000;
        /** Writes queued for a read model's writer before the rebuild waits for it. */
        private static final int QUEUED_WRITES = 4;

        private final ReadModel<D> model;
        /** Written or being written to the collection. */
        private final Set<String> written = new HashSet<>();
        /** Changed since stored (or never stored). */
        private final Set<String> dirty = new HashSet<>();
        /** Pushed out of memory while changed, not yet written; a document pushed out twice is written as it is last. */
        private final Map<String, D> evicted = new LinkedHashMap<>();
        private final Map<String, D> recent;
        /** Handed to the writer and not yet acknowledged: still read from here. */
        private final Map<String, D> writing = new ConcurrentHashMap<>();
        private final ExecutorService writer;
        private final Deque<Future<?>> queued = new ArrayDeque<>();

        Memory(ReadModel<D> model, int capacity) {
            this.model = model;
            recent = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, D> eldest) {
                    boolean full = size() > capacity;
                    if (full && dirty.remove(eldest.getKey())) {
                        evicted.put(eldest.getKey(), eldest.getValue());
                    }
                    return full;
                }
            };
            String name = "rebuild-writer-" + model.documents.getNamespace().getCollectionName();
            writer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
        }

        Optional<D> load(String id) {
            D kept = recent.get(id);
            if (kept == null) {
                kept = writing.get(id);
            }
            if (kept != null) {
                return Optional.of(kept);
            }
            return written.contains(id) ? model.find(id) : Optional.empty();
        }

        void keep(D document) {
            dirty.add(document.id());
            recent.put(document.id(), document);
        }

        void writeEvicted() {
            write(new ArrayList<>(evicted.values()));
            evicted.clear();
        }

        void writeAll() {
            Map<String, D> remaining = new LinkedHashMap<>(evicted);
            recent.values().forEach(document -> {
                if (dirty.contains(document.id())) {
                    remaining.put(document.id(), document);
                }
            });
            write(new ArrayList<>(remaining.values()));
            evicted.clear();
            dirty.clear();
            recent.clear();
        }

        /** Hands the documents to the writer, in chunks, and waits for the oldest writes when too many are queued. */
        private void write(List<D> documents) {
            for (int from = 0; from < documents.size(); from += WRITE_CHUNK) {
                List<D> chunk = List.copyOf(documents.subList(from, Math.min(documents.size(), from + WRITE_CHUNK)));
                Set<String> knownNew = new HashSet<>();
                chunk.forEach(document -> {
                    if (written.add(document.id())) {
                        knownNew.add(document.id());
                    }
                    writing.put(document.id(), document);
                });
                while (queued.size() >= QUEUED_WRITES) {
                    await(queued.removeFirst());
                }
                queued.addLast(writer.submit(() -> {
                    model.write(chunk, knownNew);
                    chunk.forEach(document -> writing.remove(document.id(), document));
                }));
            }
        }

        void awaitWritten() {
            while (!queued.isEmpty()) {
                await(queued.removeFirst());
            }
        }

        private static void await(Future<?> write) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the rebuild's documents were written", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Writing the rebuild's documents failed", e.getCause());
            }
        }

        void close() {
            writer.shutdownNow();
        }
    }
}
