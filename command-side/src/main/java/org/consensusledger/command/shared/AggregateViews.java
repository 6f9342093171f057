package org.consensusledger.command.shared;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads another aggregate's view from its repository: inside the current unit of work when a command handler asks
 * (so what it sees is what is stored, and the aggregate cache serves it), else in a unit of work of its own.
 */
public final class AggregateViews {

    private AggregateViews() {
    }

    public static <A, V> Optional<V> load(Repository<A> repository, String id, Function<A, V> view) {
        return loadVersioned(repository, id, view).map(Versioned::view);
    }

    /** The aggregate's view together with its version (its last sequence number), for an ETag. */
    public static <A, V> Optional<Versioned<V>> loadVersioned(Repository<A> repository, String id,
                                                              Function<A, V> view) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        if (CurrentUnitOfWork.isStarted()) {
            return loadHere(repository, id, view);
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return loadHere(repository, id, view);
        } finally {
            unitOfWork.rollback();
        }
    }

    private static <A, V> Optional<Versioned<V>> loadHere(Repository<A> repository, String id, Function<A, V> view) {
        try {
            Aggregate<A> aggregate = repository.load(id);
            Long version = aggregate.version();
            return Optional.of(new Versioned<>(aggregate.invoke(view), version == null ? 0 : version));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /** As {@link #loadVersioned}, for a request that names the aggregate: an unknown one is a 404. */
    public static <A, V> Versioned<V> require(Repository<A> repository, String kind, String id, Function<A, V> view) {
        return loadVersioned(repository, id, view).orElseThrow(() -> new UnknownReference(kind, id));
    }

    /** A view of an aggregate and the version it was taken at. */
    public record Versioned<V>(V view, long version) {
    }
}
