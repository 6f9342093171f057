package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.codecs.configuration.CodecRegistries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One read model's documents, one per key, each stamped with the global position of the last event applied to it.
 * Applying an event at or before that position changes nothing, so a replay, or an event seen twice, is harmless.
 * Every read and write is by {@code _id}, which any MongoDB answers from its index. One thread at a time updates a
 * document (see {@link ProjectionSetup}). Instants are kept exact, to the nanosecond, as in the log.
 * <p>
 * Inside an event processor's batch (an Axon unit of work), a document is read at most once and written at most
 * once: changes collect in the batch and are written together, in one bulk write, when the batch commits and before
 * its tokens are stored. A crash before that loses the batch's changes and its tokens alike, so the batch is handled
 * again. Outside a unit of work, each change is written at once.
 */
public final class ReadModel<D extends ReadModel.Positioned<D>> {

    /** A read-model document: its key and the position of the last event applied to it. */
    public interface Positioned<D> {

        String id();

        long position();

        D at(long position);
    }

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

    /** Creates the document if the event is new to it (the event that starts it). */
    public void create(TrackingToken token, D document) {
        long position = position(token);
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

    /** Empties the read model, before it is rebuilt from position 0. */
    public void clear() {
        documents.deleteMany(Filters.empty());
    }

    public MongoCollection<D> collection() {
        return documents;
    }

    private Batch<D> batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(batchKey, key -> {
            Batch<D> batch = new Batch<>(this);
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("Every event of the log has a position"));
    }

    /** The documents one batch has read or changed; the changed ones are written when it commits. */
    private static final class Batch<D extends Positioned<D>> {

        private final ReadModel<D> model;
        private final Map<String, Optional<D>> seen = new LinkedHashMap<>();
        private final Map<String, D> changed = new LinkedHashMap<>();

        Batch(ReadModel<D> model) {
            this.model = model;
        }

        Optional<D> current(String id) {
            return seen.computeIfAbsent(id, model::find);
        }

        void put(D document) {
            seen.put(document.id(), Optional.of(document));
            changed.put(document.id(), document);
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<WriteModel<D>> writes = new ArrayList<>(changed.size());
            changed.values().forEach(document -> writes.add(new ReplaceOneModel<>(
                    Filters.eq("_id", document.id()), document, new ReplaceOptions().upsert(true))));
            model.documents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            changed.clear();
        }
    }
}
