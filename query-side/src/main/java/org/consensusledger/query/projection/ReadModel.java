package org.consensusledger.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.codecs.configuration.CodecRegistries;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One read model's documents, one per key, each stamped with the global position of the last event applied to it.
 * Applying an event at or before that position changes nothing, so a replay, or an event seen twice, is harmless.
 * Every read and write is by {@code _id}, which any MongoDB answers from its index. One thread at a time updates a
 * document (see {@link ProjectionSetup}). Instants are kept exact, to the nanosecond, as in the log.
 */
public final class ReadModel<D extends ReadModel.Positioned<D>> {

    /** A read-model document: its key and the position of the last event applied to it. */
    public interface Positioned<D> {

        String id();

        long position();

        D at(long position);
    }

    private final MongoCollection<D> documents;

    public ReadModel(MongoCollection<D> documents) {
        this.documents = documents.withCodecRegistry(CodecRegistries.fromRegistries(
                CodecRegistries.fromCodecs(new ExactInstantCodec()), documents.getCodecRegistry()));
    }

    public Optional<D> find(String id) {
        return Optional.ofNullable(documents.find(Filters.eq("_id", id)).first());
    }

    /** Creates the document if the event is new to it (the event that starts it). */
    public void create(TrackingToken token, D document) {
        long position = position(token);
        if (find(document.id()).isEmpty()) {
            documents.replaceOne(Filters.eq("_id", document.id()), document.at(position),
                                 new ReplaceOptions().upsert(true));
        }
    }

    /**
     * Applies the change to the document if the event is newer than what it holds; unknown documents stay unknown,
     * and a change that returns the same document (an event that does not concern it) writes nothing.
     */
    public void update(TrackingToken token, String id, UnaryOperator<D> change) {
        long position = position(token);
        find(id).filter(current -> current.position() < position).ifPresent(current -> {
            D changed = change.apply(current);
            if (changed != current) {
                documents.replaceOne(Filters.eq("_id", id), changed.at(position));
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

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("Every event of the log has a position"));
    }
}
