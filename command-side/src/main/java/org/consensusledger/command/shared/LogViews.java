package org.consensusledger.command.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a command handler needs to know of another aggregate (is this organisation a member? a co-chair? is the
 * meeting open?), read from that aggregate's stream in the log without loading it through its repository. Loading
 * it would lock it until the command commits: every proposal command of a body would queue on the body's lock, and
 * two commands locking two aggregates in opposite orders could deadlock. Here no command locks any aggregate but
 * its own; commands on different proposals of one body run side by side.
 * <p>
 * The view is built by the aggregate's own event-sourcing handlers (so it cannot disagree with the aggregate) from
 * the events stored when it is asked for: it is what the log says at that moment, never an older copy. Each
 * aggregate's folded state is kept (up to {@code cacheSize} of them, the least used leaving first) and only the
 * events stored since are read: one lookup of the stream's next key, answered from the log's unique index. Events of
 * another aggregate type under the same id are not taken (an id of a proposal asked for as a body is unknown).
 */
public final class LogViews<A, V> implements ViewLookup<V> {

    private final EventStore events;
    private final String typeName;
    private final AggregateModel<A> model;
    private final GenericAggregateFactory<A> factory;
    private final Function<A, V> view;
    private final Cache<String, Folded<A>> folded;

    public LogViews(EventStore events, Class<A> type, Function<A, V> view, int cacheSize) {
        this.events = events;
        this.typeName = type.getSimpleName();
        this.model = inspect(type);
        this.factory = new GenericAggregateFactory<>(model);
        this.view = view;
        this.folded = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * The aggregate's model, for its event-sourcing handlers. Its command handlers also take what only the
     * application's context supplies ({@link Directory}, {@link CurrentCheckpoint}); the class path's resolvers alone
     * cannot resolve those, so inspecting with them fails wherever no other resolver is on the class path (the
     * application's jar; Axon's test fixtures register one that takes any parameter, which hid this from the tests).
     * Command handlers are never invoked through this model, so such a parameter is accepted here with a resolver that
     * refuses to be used.
     */
    private static <A> AggregateModel<A> inspect(Class<A> type) {
        ParameterResolverFactory notInvokedHere = (executable, parameters, index) -> new ParameterResolver<Object>() {
            @Override
            public Object resolveParameterValue(Message<?> message) {
                throw new IllegalStateException(executable + " is not invoked through a view of " + type.getName());
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(type, new MultiParameterResolverFactory(
                ClasspathParameterResolverFactory.forClass(type), notInvokedHere));
    }

    @Override
    public Optional<V> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Folded<A> state = folded.get(id, key -> new Folded<>());
        synchronized (state) {
            DomainEventStream stream = events.readEvents(id, state.nextSequence)
                                             .filter(event -> typeName.equals(event.getType()));
            if (stream.hasNext()) {
                if (state.aggregate == null) {
                    DomainEventMessage<?> first = stream.peek();
                    A root = factory.createAggregateRoot(id, first);
                    state.aggregate = EventSourcedAggregate.initialize(root, model, null,
                                                                       NoSnapshotTriggerDefinition.TRIGGER);
                }
                state.aggregate.initializeState(stream);
                state.nextSequence = state.aggregate.version() + 1;
            }
            return state.aggregate == null ? Optional.empty() : Optional.of(state.aggregate.invoke(view));
        }
    }

    /** One aggregate as folded so far; the view is taken under its monitor (handlers mutate it). */
    private static final class Folded<A> {
        private EventSourcedAggregate<A> aggregate;
        private long nextSequence;
    }
}
