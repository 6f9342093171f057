package org.consensusledger.command.shared;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
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

    private static <A, V> Optional<V> loadHere(Repository<A> repository, String id, Function<A, V> view) {
        try {
            return Optional.of(repository.load(id).invoke(view));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
